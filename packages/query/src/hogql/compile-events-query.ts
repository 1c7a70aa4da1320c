import { cohortMembershipCondition, type CohortRef } from '../cohorts/cohort-condition.js';
import { compileHogQLAst, DEFAULT_LIMIT, MAX_LIMIT } from './compile-hogql.js';
import { eventsOrderBy, parseEventsSelectItem, type Expand } from './events-query-select.js';
import { hAnd, hCall, hCompare, hConstant, hField, type HExpr, type HSelectQuery } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';
import { parseHogQLExpr } from './parse-hogql.js';
import { propertyFiltersToHogQL, type PropertyFilters } from './property-filter.js';
import { parseRelativeDate } from './relative-date.js';
import { assertTimezone } from './timezone.js';

export interface CompileEventsQueryInput {
  /** HogQL expressions; `*` is the event object, `person` the person object. */
  select: string[];
  /** HogQL conditions, AND-ed. */
  where?: string[];
  event?: string | null;
  events?: string[];
  /** Relative (`-24h`, `-7d`) or ISO; default `-24h`; `all` removes the lower bound. */
  after?: string;
  /** Default: now + 5 seconds. */
  before?: string;
  /** `expr [ASC|DESC]` items; default as PostHog (see eventsOrderBy). */
  orderBy?: string[];
  limit?: number;
  offset?: number;
  personId?: string;
  properties?: PropertyFilters;
  /** The project's cohorts, for cohort filters in `properties` (without them such filters are refused). */
  cohorts?: ReadonlyMap<number, CohortRef>;
  teamId: number;
  timezone: string;
  now: Date;
}

export interface CompiledEventsQuery {
  sql: string;
  params: Record<string, unknown>;
  /** The select strings as given (PostHog echoes them as column names). */
  columns: string[];
  limit: number;
  offset: number;
  /** Per column: reshape an `event` / `person` tuple into an object, or leave as is (`null`). */
  expand: Expand[];
  hogql: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BEFORE_SLACK_MS = 5_000;

/**
 * Compiles PostHog's EventsQuery (the raw events table) to guarded ClickHouse SQL, through the HogQL compiler.
 * @example await compileEventsQuery({ select: ['*', 'event'], teamId: 1, timezone: 'UTC', now: new Date() })
 * // => { sql: 'SELECT tuple(…), `events`.`event` AS `event` FROM … ORDER BY … DESC LIMIT …', expand: ['event', null], … }
 */
export async function compileEventsQuery(input: CompileEventsQueryInput): Promise<CompiledEventsQuery> {
  const timezone = assertTimezone(input.timezone);
  if (!Array.isArray(input.select) || input.select.length === 0) throw new HogQLError('syntax_error', 'select is required');
  const items = await Promise.all(input.select.map(parseEventsSelectItem));
  const conditions = await eventsConditions(input, timezone);
  const grouped = items.some((i) => i.aggregate) ? items.filter((i) => !i.aggregate).map((i) => i.expr) : [];
  const offset = nonNegativeInteger(input.offset ?? 0, 'offset');
  const ast: HSelectQuery = {
    node: 'SelectQuery',
    select: items.map((i) => i.expr),
    select_from: { node: 'JoinExpr', table: hField('events') },
    where: conditions.length > 0 ? hAnd(conditions) : null,
    group_by: grouped.length > 0 ? grouped : null,
    order_by: await eventsOrderBy(input.orderBy, items),
    limit: hConstant(nonNegativeInteger(input.limit ?? DEFAULT_LIMIT, 'limit')),
    offset: offset > 0 ? hConstant(offset) : null,
  };
  const compiled = compileHogQLAst(ast, { teamId: input.teamId, timezone, maxLimit: MAX_LIMIT });
  return { ...compiled, columns: [...input.select], offset, expand: items.map((i) => i.expand) };
}

async function eventsConditions(input: CompileEventsQueryInput, timezone: string): Promise<HExpr[]> {
  const conditions: HExpr[] = [];
  const at = { now: input.now, timezone };
  const after = input.after ?? '-24h';
  if (after !== 'all') conditions.push(hCompare('>', hField('timestamp'), hConstant(parseRelativeDate(after, at))));
  if (input.before !== 'all') {
    const before = input.before ? parseRelativeDate(input.before, at) : new Date(input.now.getTime() + BEFORE_SLACK_MS);
    conditions.push(hCompare('<', hField('timestamp'), hConstant(before)));
  }
  if (input.event) conditions.push(hCompare('==', hField('event'), hConstant(input.event)));
  if (input.events?.length) {
    conditions.push(hCompare('in', hField('event'), { node: 'Tuple', exprs: input.events.map((e) => hConstant(e)) }));
  }
  if (input.personId !== undefined) {
    if (!UUID.test(input.personId)) throw new HogQLError('syntax_error', 'personId must be a UUID');
    conditions.push(hCompare('==', hField('person_id'), hCall('toUUID', hConstant(input.personId))));
  }
  const cohortCondition = input.cohorts ? cohortMembershipCondition(input.cohorts) : undefined;
  const properties = await propertyFiltersToHogQL(input.properties, { now: input.now, timezone, cohortCondition });
  if (properties) conditions.push(properties);
  for (const where of input.where ?? []) conditions.push(await parseHogQLExpr(where));
  return conditions;
}

function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new HogQLError('syntax_error', `${name} must be a non-negative integer`);
  return value;
}
