import type { InsightApi, InsightBasicApi } from '@warren/shared/insights-api';
import type { UserView } from '../actions/action-view.js';
import type { InsightTileRef } from '../dashboards/tile-repository.js';
import type { InsightRecord } from './insight-repository.js';
import type { InsightResult } from './insight-query.js';

/** What an insight is shown with: the tiles it is on, the users it names, and (full view) its result. */
export interface InsightViewContext {
  tiles: readonly InsightTileRef[];
  users: ReadonlyMap<number, UserView>;
}

// Everyone in the project can edit (PostHog's restriction level 21, privilege level 37).
const ACCESS = { is_sample: false, effective_restriction_level: 21, effective_privilege_level: 37, user_access_level: 'editor' } as const;

/**
 * PostHog's basic insight (`?basic=true`, and what lists default to when results are not asked for).
 * Example: insightBasicView(record, ctx).short_id === record.shortId.
 */
export function insightBasicView(insight: InsightRecord, ctx: InsightViewContext): InsightBasicApi {
  const tiles = ctx.tiles.filter((t) => t.insightId === insight.id);
  return {
    id: insight.id,
    short_id: insight.shortId,
    name: insight.name,
    derived_name: insight.derivedName,
    filters: {},
    query: insight.query,
    dashboards: tiles.map((t) => t.dashboardId),
    dashboard_tiles: tiles.map((t) => ({ id: t.id, dashboard_id: t.dashboardId, deleted: false })),
    description: insight.description,
    last_refresh: null,
    refreshing: false,
    saved: insight.saved,
    tags: insight.tags,
    updated_at: insight.updatedAt,
    created_by: userOf(insight.createdBy, ctx.users),
    created_at: insight.createdAt,
    last_modified_at: insight.lastModifiedAt,
    favorited: insight.favorited,
  };
}

/**
 * PostHog's full insight (rest-api.md 4.6): the basic fields, the result and its cache fields. `query` is the query
 * the result was computed from (with a dashboard's filters merged in, when shown on one).
 * Example: insightView(record, result, ctx).result === result.result.
 */
export function insightView(insight: InsightRecord, result: InsightResult, ctx: InsightViewContext, query = insight.query): InsightApi {
  const { refreshing: _refreshing, ...basic } = insightBasicView(insight, ctx);
  return {
    ...basic,
    query,
    order: null,
    deleted: insight.deleted,
    last_refresh: result.last_refresh,
    cache_target_age: result.cache_target_age,
    next_allowed_client_refresh: result.next_allowed_client_refresh,
    result: result.result,
    hasMore: result.hasMore,
    columns: result.columns,
    types: result.types,
    hogql: result.hogql,
    resolved_date_range: result.resolved_date_range,
    timezone: result.timezone,
    is_cached: result.is_cached,
    query_status: result.query_status,
    filters_hash: result.filters_hash,
    last_modified_by: userOf(insight.lastModifiedBy, ctx.users),
    last_viewed_at: null,
    alerts: [],
    ...ACCESS,
  };
}

function userOf(id: number | null, users: ReadonlyMap<number, UserView>): UserView | null {
  return id === null ? null : (users.get(id) ?? null);
}
