import type { UserView } from '../actions/action-view.js';
import type { EventDefinitionRecord } from './event-definition-repository.js';
import type { PropertyDefinitionRecord } from './property-definition-repository.js';

const userOf = (users: ReadonlyMap<number, UserView>, id: number | null) => (id === null ? null : (users.get(id) ?? null));

/** An event definition as PostHog's REST API shows it (rest-api.md 4.11, with the enterprise fields). */
export function eventDefinitionView(d: EventDefinitionRecord, users: ReadonlyMap<number, UserView>) {
  return {
    id: d.id,
    name: d.name,
    created_at: d.createdAt,
    last_seen_at: d.lastSeenAt,
    last_updated_at: d.updatedAt ?? d.createdAt,
    tags: d.tags,
    is_action: false,
    action_id: null,
    is_calculating: false,
    last_calculated_at: null,
    created_by: null,
    post_to_slack: false,
    volume_30_day: d.volume30Day,
    query_usage_30_day: null,
    description: d.description,
    owner: userOf(users, d.owner),
    verified: d.verified,
    verified_at: d.verifiedAt,
    verified_by: userOf(users, d.verifiedBy),
    hidden: d.hidden,
    updated_at: d.updatedAt,
    updated_by: userOf(users, d.updatedBy),
  };
}

/** A property definition as PostHog's REST API shows it (rest-api.md 4.12). */
export function propertyDefinitionView(d: PropertyDefinitionRecord, users: ReadonlyMap<number, UserView>) {
  return {
    id: d.id,
    name: d.name,
    is_numerical: d.propertyType === 'Numeric',
    property_type: d.propertyType,
    type: d.type,
    group_type_index: d.groupTypeIndex,
    tags: d.tags,
    is_seen_on_filtered_events: d.seenOnFilteredEvents,
    description: d.description,
    verified: d.verified,
    verified_at: d.verifiedAt,
    verified_by: userOf(users, d.verifiedBy),
    hidden: d.hidden,
    updated_at: d.updatedAt,
    updated_by: userOf(users, d.updatedBy),
  };
}

/** The user ids a list of definitions refers to. */
export function userIdsOf(definitions: readonly { owner?: number | null; verifiedBy: number | null; updatedBy: number | null }[]): number[] {
  return definitions.flatMap((d) => [d.owner ?? null, d.verifiedBy, d.updatedBy]).filter((id): id is number => id !== null);
}
