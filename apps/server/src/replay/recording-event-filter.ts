import { compileHogQLAst } from '@warren/query/hogql/compile-hogql';
import { hAnd, hCall, hCompare, hConstant, hField, hOr, type HExpr, type HSelectQuery } from '@warren/query/hogql/hogql-ast';
import { parseHogQLSelect } from '@warren/query/hogql/parse-hogql';
import { substitutePlaceholders } from '@warren/query/hogql/placeholders';
import { propertyFiltersToHogQL } from '@warren/query/hogql/property-filter';
import type { PropertyFilter } from '@warren/query/hogql/property-filter';
import type { EventStore } from '../storage/event-store.js';
import type { RecordingsQuery } from './recordings-query.js';

/** Sessions one filter can name at most; more and the list would not be a useful answer anyway. */
const MAX_SESSIONS = 100_000;

/**
 * The sessions whose events satisfy the list's event filters: each performed event (name and its properties) and
 * the event / person property filters, combined by `operand`; null when the query has none. One HogQL statement
 * over events (project guard, person join and property filters from the HogQL compiler), grouped by `$session_id`.
 * Example: await sessionsMatchingEvents(store, 1, q) -> ['0190…', …] | null.
 */
export async function sessionsMatchingEvents(store: EventStore, teamId: number, q: RecordingsQuery, testAccountFilters: PropertyFilter[] = []): Promise<string[] | null> {
  const conditions: HExpr[] = [];
  for (const performed of q.events) {
    const parts: HExpr[] = [];
    if (performed.event !== null) parts.push(hCompare('==', hField('event'), hConstant(performed.event)));
    const props = await propertyFiltersToHogQL(performed.properties, { now: new Date(), timezone: 'UTC' });
    if (props) parts.push(props);
    conditions.push(parts.length > 0 ? hAnd(parts) : hConstant(true));
  }
  const props = await propertyFiltersToHogQL(q.properties, { now: new Date(), timezone: 'UTC' });
  if (props) conditions.push(props);
  // Test accounts are left out whatever the operand: a session counts only with an event that passes their filters.
  const notTest = q.filterTestAccounts && testAccountFilters.length > 0 ? await propertyFiltersToHogQL(testAccountFilters, { now: new Date(), timezone: 'UTC' }) : null;
  if (conditions.length === 0 && !notTest) return null;
  const text = `select $session_id from events
    where timestamp >= {after} and timestamp < {before} and $session_id != ''
    group by $session_id limit ${MAX_SESSIONS}`;
  // A day either side of the range: a recording started in range may have its events just outside it.
  const values = { after: new Date(q.dateFrom.getTime() - 86_400_000), before: new Date(q.dateTo.getTime() + 86_400_000) };
  const ast = substitutePlaceholders(await parseHogQLSelect(text), values) as HSelectQuery;
  const combine = q.operand === 'OR' ? hOr : hAnd;
  const some = (c: HExpr) => hCompare('>', hCall('countIf', c), hConstant(0));
  ast.where = hAnd([ast.where!, hOr([...conditions, ...(notTest ? [notTest] : [])])]);
  const matched = conditions.length > 0 ? [combine(conditions.map(some))] : [];
  ast.having = hAnd([...matched, ...(notTest ? [some(notTest)] : [])]);
  const { sql, params } = compileHogQLAst(ast, { teamId, timezone: 'UTC', maxLimit: MAX_SESSIONS });
  const result = await store.query(sql, params);
  return result.rows.map((row) => String(row[0]));
}
