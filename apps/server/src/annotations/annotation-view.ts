import type { UserView } from '../actions/action-view.js';
import type { AnnotationRecord } from './annotation-repository.js';

/** An annotation as PostHog's REST API shows it (rest-api.md 4.9). Example: annotationView(a, users).scope === 'project'. */
export function annotationView(a: AnnotationRecord, users: ReadonlyMap<number, UserView>) {
  return {
    id: a.id,
    content: a.content,
    date_marker: a.dateMarker,
    creation_type: a.creationType,
    dashboard_item: a.dashboardItem,
    dashboard_id: a.dashboardId,
    // Insight and dashboard names are not joined in (yet); clients read them from the insight or dashboard.
    dashboard_name: null,
    insight_short_id: null,
    insight_name: null,
    insight_derived_name: null,
    scope: a.scope,
    deleted: a.deleted,
    created_by: a.createdBy === null ? null : (users.get(a.createdBy) ?? null),
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}
