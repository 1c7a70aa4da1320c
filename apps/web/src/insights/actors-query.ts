import type { InsightActorsSource } from './kinds/insight-kind';

/** One person of an ActorsQuery answer (the `actor` column). */
export interface ActorApi {
  id: string;
  uuid: string;
  distinct_ids: string[];
  properties: Record<string, unknown>;
  created_at: string | null;
  is_identified: boolean;
}

export const ACTORS_PAGE_SIZE = 50;

// Only these kinds' actors selections count each person's events.
const COUNTING_KINDS = new Set(['TrendsQuery', 'PathsQuery']);

/**
 * The ActorsQuery listing the persons behind a clicked point, a page at a time, with each person's events where the
 * kind counts them. Example: actorsQuery(source, 'ann', 0).select // ['actor', 'event_count'] for a trends point
 */
export function actorsQuery(source: InsightActorsSource, search: string, offset: number) {
  const counts = COUNTING_KINDS.has(source.source.kind);
  return {
    kind: 'ActorsQuery',
    source,
    select: counts ? ['actor', 'event_count'] : ['actor'],
    ...(search.trim() ? { search: search.trim() } : {}),
    limit: ACTORS_PAGE_SIZE,
    offset,
  };
}

/** What to call a person: email, then name, then a distinct id, then the UUID. */
export function actorName(actor: Pick<ActorApi, 'properties' | 'distinct_ids' | 'uuid'>): string {
  for (const key of ['email', 'name', '$email']) {
    const value = actor.properties[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return actor.distinct_ids[0] ?? actor.uuid;
}
