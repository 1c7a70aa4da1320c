import { compileHogQLAst } from '@warren/query/hogql/compile-hogql';
import { hAnd, type HSelectQuery } from '@warren/query/hogql/hogql-ast';
import { parseHogQLSelect } from '@warren/query/hogql/parse-hogql';
import { substitutePlaceholders } from '@warren/query/hogql/placeholders';
import { propertyFiltersToHogQL, type PropertyFilters } from '@warren/query/hogql/property-filter';

/** What `/events/` and the event exports filter by (PostHog's `/events/` parameters). */
export interface EventFilters {
  /** Inclusive lower bound. */
  after: Date;
  /** Exclusive upper bound. */
  before: Date;
  event?: string;
  /** Events of the person who owns this distinct id. */
  distinctId?: string;
  personId?: string;
  properties?: PropertyFilters;
}

/** Where a page ends: the last row's timestamp as ClickHouse prints it (microseconds, UTC) and its uuid. */
export interface EventCursor {
  timestamp: string;
  uuid: string;
}

export interface EventsPageSpec {
  /** `desc` = newest first, as `/events/` lists; `asc` for exports. */
  order: 'asc' | 'desc';
  limit: number;
  /** Continue strictly after this row in `order` (keyset pagination: no OFFSET, each page is one index range read). */
  from?: EventCursor;
}

/** One event as read from the store, before it is shaped for the API. */
export interface EventRow {
  uuid: string;
  distinctId: string;
  properties: string;
  event: string;
  /** `YYYY-MM-DD hh:mm:ss.ffffff` in UTC. */
  timestamp: string;
  elementsChain: string;
  personId: string;
  /** The person's properties as JSON text; null when the event has no person row. */
  personProperties: string | null;
  personIsIdentified: boolean;
}

const COLUMNS = `toString(uuid), distinct_id, properties, event, timestamp, elements_chain, toString(person_id),
  person.properties, person.is_identified`;

/**
 * One page of a project's events as guarded ClickHouse SQL, through the HogQL compiler (project guard, person
 * join and property filters come from there). Ordered by (timestamp, uuid) so that a cursor names a unique row.
 * Example: await compileEventsPage(1, { after, before, event: '$pageview' }, { order: 'asc', limit: 50_000 })
 */
export async function compileEventsPage(teamId: number, filters: EventFilters, page: EventsPageSpec): Promise<{ sql: string; params: Record<string, unknown> }> {
  const where = ['timestamp >= {after}', 'timestamp < {before}'];
  const values: Record<string, unknown> = narrowedRange(filters, page);
  if (filters.event !== undefined) (where.push('event = {event}'), (values.event = filters.event));
  if (filters.distinctId !== undefined) {
    where.push('person_id in (select person_id from events where distinct_id = {distinct_id})');
    values.distinct_id = filters.distinctId;
  }
  if (filters.personId !== undefined) (where.push('toString(person_id) = {person_id}'), (values.person_id = filters.personId.toLowerCase()));
  if (page.from) {
    // The cursor's time goes in as text, which ClickHouse reads at the column's precision: a JS Date would drop the
    // microseconds and repeat or skip rows.
    const op = page.order === 'asc' ? '>' : '<';
    where.push(`(timestamp ${op} {cursor_ts} or (timestamp = {cursor_ts} and uuid ${op} toUUID({cursor_uuid})))`);
    values.cursor_ts = page.from.timestamp;
    values.cursor_uuid = page.from.uuid;
  }
  const direction = page.order === 'asc' ? 'asc' : 'desc';
  const text = `select ${COLUMNS} from events where ${where.join(' and ')} order by timestamp ${direction}, uuid ${direction} limit ${page.limit}`;
  const ast = substitutePlaceholders(await parseHogQLSelect(text), values) as HSelectQuery;
  const properties = await propertyFiltersToHogQL(filters.properties, { now: new Date(), timezone: 'UTC' });
  if (properties && ast.where) ast.where = hAnd([ast.where, properties]);
  const { sql, params } = compileHogQLAst(ast, { teamId, timezone: 'UTC', maxLimit: page.limit });
  return { sql, params };
}

/**
 * The time range, narrowed to the millisecond of the cursor: the bound the primary key can use, so a later page
 * does not read the earlier ones again; the exact (timestamp, uuid) comparison does the rest.
 */
function narrowedRange(filters: EventFilters, page: EventsPageSpec): { after: Date; before: Date } {
  if (!page.from) return { after: filters.after, before: filters.before };
  const cursorMs = Date.parse(`${page.from.timestamp.replace(' ', 'T').slice(0, 23)}Z`);
  if (Number.isNaN(cursorMs)) return { after: filters.after, before: filters.before };
  return page.order === 'asc'
    ? { after: new Date(Math.max(filters.after.getTime(), cursorMs)), before: filters.before }
    : { after: filters.after, before: new Date(Math.min(filters.before.getTime(), cursorMs + 1)) };
}

/** A row of compileEventsPage's result (JSONCompact values) as an EventRow. */
export function toEventRow(row: unknown[]): EventRow {
  const [uuid, distinctId, properties, event, timestamp, elementsChain, personId, personProperties, identified] = row;
  return {
    uuid: String(uuid),
    distinctId: String(distinctId),
    properties: String(properties),
    event: String(event),
    timestamp: String(timestamp),
    elementsChain: String(elementsChain ?? ''),
    personId: String(personId),
    personProperties: personProperties === null || personProperties === undefined ? null : String(personProperties),
    personIsIdentified: Boolean(Number(identified)),
  };
}
