import { findHogQLFunction } from './functions.js';
import { hCall, hField, type HExpr, type HOrderExpr } from './hogql-ast.js';
import { parseHogQLExpr, parseHogQLOrderExpr } from './parse-hogql.js';

export type Expand = 'event' | 'person' | null;

/** Tuple order of a `*` column; the caller reshapes it into PostHog's event object. */
export const EVENT_OBJECT_FIELDS = [
  'uuid',
  'event',
  'properties',
  'timestamp',
  'distinct_id',
  'elements_chain',
  'created_at',
] as const;

/** Tuple order of a `person` column; the caller reshapes it into `{uuid, created_at, properties, distinct_id}`. */
export const PERSON_OBJECT_FIELDS = ['uuid', 'created_at', 'properties', 'distinct_id'] as const;

export interface EventsSelectItem {
  expr: HExpr;
  expand: Expand;
  aggregate: boolean;
}

/**
 * Parses one EventsQuery select string; `*` and `person` become tuples the caller expands into objects.
 * @example await parseEventsSelectItem('*') // { expr: tuple(uuid, event, …), expand: 'event', aggregate: false }
 */
export async function parseEventsSelectItem(text: string): Promise<EventsSelectItem> {
  const expr = await parseHogQLExpr(text);
  if (isField(expr, '*')) {
    return { expr: hCall('tuple', ...EVENT_OBJECT_FIELDS.map((f) => hField(f))), expand: 'event', aggregate: false };
  }
  if (isField(expr, 'person')) {
    const fields = [hField('person_id'), hField('person', 'created_at'), hField('person', 'properties'), hField('distinct_id')];
    return { expr: hCall('tuple', ...fields), expand: 'person', aggregate: false };
  }
  return { expr, expand: null, aggregate: containsAggregate(expr) };
}

/**
 * PostHog's default ordering: `count()` DESC, else the first aggregate DESC, else `timestamp` DESC when events are
 * selected, else the first column ASC; non-aggregated queries add `uuid` as a tiebreak.
 * @example await eventsOrderBy(['timestamp DESC'], items) // [timestamp DESC, uuid DESC]
 */
export async function eventsOrderBy(orderBy: readonly string[] | undefined, items: EventsSelectItem[]): Promise<HOrderExpr[]> {
  const aggregated = items.some((i) => i.aggregate);
  const order = orderBy?.length ? await Promise.all(orderBy.map(parseHogQLOrderExpr)) : defaultOrder(items);
  if (aggregated || order.length === 0) return order;
  return [...order, { node: 'OrderExpr', expr: hField('uuid'), order: order[0].order === 'DESC' ? 'DESC' : 'ASC' }];
}

function defaultOrder(items: EventsSelectItem[]): HOrderExpr[] {
  const by = (expr: HExpr, order: 'ASC' | 'DESC'): HOrderExpr[] => [{ node: 'OrderExpr', expr, order }];
  const count = items.find((i) => i.expr.node === 'Call' && i.expr.name.toLowerCase() === 'count' && !i.expr.distinct);
  if (count) return by(count.expr, 'DESC');
  const aggregate = items.find((i) => i.aggregate);
  if (aggregate) return by(aggregate.expr, 'DESC');
  if (items.some((i) => i.expand === 'event' || isField(i.expr, 'timestamp'))) return by(hField('timestamp'), 'DESC');
  return items.length > 0 ? by(items[0].expr, 'ASC') : [];
}

/** True if the expression aggregates rows (outside nested subqueries). */
export function containsAggregate(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsAggregate);
  if (node === null || typeof node !== 'object' || node instanceof Date) return false;
  const n = node as { node?: string; name?: string; filter_expr?: unknown };
  if (n.node === 'SelectQuery' || n.node === 'SelectSetQuery') return false;
  if (n.node === 'Call' && typeof n.name === 'string' && (findHogQLFunction(n.name)?.aggregate || n.filter_expr)) return true;
  return Object.values(node).some(containsAggregate);
}

function isField(expr: HExpr, name: string): boolean {
  return expr.node === 'Field' && expr.chain.length === 1 && expr.chain[0] === name;
}
