import { hCall, hCompare, hConstant, hField, hOr, type HExpr, type HOrderExpr, type HSelectQuery, type HTuple } from '@warren/query/hogql/hogql-ast';
import { parseHogQLExpr, parseHogQLOrderExpr } from '@warren/query/hogql/parse-hogql';
import { propertyFiltersToHogQL, type PropertyFilters } from '@warren/query/hogql/property-filter';
import { containsPattern } from '../storage/like-pattern.js';

/** The persons table's alias in an actors query; `person.properties.x` filters read it directly. */
const PERSON = 'person';
/** The alias of the kind's actors selection (`actor_id`, maybe `event_count`). */
const SOURCE = 'source';

/** Columns every actors query reads first, to build the `actor` objects. */
export const ACTOR_FIELDS = ['id', 'properties', 'created_at', 'is_identified'] as const;

export interface ActorsSelectInput {
  /** The actors behind the point (one row per person, UUID in `actor_id`); null lists every person. */
  selection: HSelectQuery | null;
  /** Requested columns: `actor`, `event_count` or HogQL expressions on the person. */
  select: readonly string[];
  search: { text: string; personIds: readonly string[] } | null;
  properties: readonly (PropertyFilters | null | undefined)[];
  orderBy: readonly string[] | null;
  limit: number;
  offset: number;
}

/**
 * The HogQL of an ActorsQuery: persons (latest version, not deleted) joined to the actors selection, filtered,
 * ordered and paged. The actor fields come first, then one column per requested non-`actor` column.
 * Example: await actorsSelect({ selection, select: ['actor'], search: null, properties: [], orderBy: null, limit: 100, offset: 0 })
 */
export async function actorsSelect(input: ActorsSelectInput): Promise<HSelectQuery> {
  const columns: HExpr[] = ACTOR_FIELDS.map((f) => alias(`_actor_${f}`, hField(PERSON, f)));
  for (const [i, column] of input.select.entries()) {
    if (column === 'actor') continue;
    columns.push(alias(`_column_${i}`, column === 'event_count' ? hField(SOURCE, 'event_count') : await parseHogQLExpr(column)));
  }
  const where: HExpr[] = [];
  for (const filters of input.properties) {
    const condition = await propertyFiltersToHogQL(filters ?? undefined);
    if (condition) where.push(condition);
  }
  if (input.search) where.push(searchCondition(input.search.text, input.search.personIds));
  return {
    node: 'SelectQuery',
    select: columns,
    select_from: fromClause(input.selection),
    where: where.length === 0 ? null : where.length === 1 ? where[0] : { node: 'And', exprs: where },
    order_by: await orderOf(input),
    limit: hConstant(input.limit),
    offset: input.offset > 0 ? hConstant(input.offset) : null,
  };
}

/** True when the selection reports how many events each actor had. */
export function hasEventCount(selection: HSelectQuery | null): boolean {
  return Boolean(selection?.select.some((e) => e.node === 'Alias' && e.alias === 'event_count'));
}

function fromClause(selection: HSelectQuery | null): HSelectQuery['select_from'] {
  const persons = { node: 'JoinExpr' as const, table: hField('persons'), alias: PERSON };
  if (!selection) return persons;
  return {
    ...persons,
    next_join: {
      node: 'JoinExpr',
      table: selection,
      alias: SOURCE,
      join_type: 'INNER JOIN',
      constraint: { node: 'JoinConstraint', constraint_type: 'ON', expr: hCompare('==', hField(PERSON, 'id'), hField(SOURCE, 'actor_id')) },
    },
  };
}

/** Email or name containing the text (case-insensitive), the exact person UUID, or a person owning that distinct id. */
function searchCondition(text: string, personIds: readonly string[]): HExpr {
  const pattern = hConstant(containsPattern(text));
  const matches: HExpr[] = [
    hCall('ilike', hField(PERSON, 'properties', 'email'), pattern),
    hCall('ilike', hField(PERSON, 'properties', 'name'), pattern),
    hCompare('==', hCall('toString', hField(PERSON, 'id')), hConstant(text)),
  ];
  if (personIds.length > 0) {
    const ids: HTuple = { node: 'Tuple', exprs: personIds.map((id) => hConstant(id)) };
    matches.push(hCompare('in', hField(PERSON, 'id'), ids));
  }
  return hOr(matches);
}

/** The requested order, else most events first (when the selection counts them) or newest person first; the id breaks ties so pages are stable. */
async function orderOf(input: ActorsSelectInput): Promise<HOrderExpr[]> {
  const order: HOrderExpr[] = [];
  if (input.orderBy?.length) {
    for (const text of input.orderBy) order.push(await parseHogQLOrderExpr(text));
  } else if (hasEventCount(input.selection)) {
    order.push({ node: 'OrderExpr', expr: hField(SOURCE, 'event_count'), order: 'DESC' });
  } else {
    order.push({ node: 'OrderExpr', expr: hField(PERSON, 'created_at'), order: 'DESC' });
  }
  order.push({ node: 'OrderExpr', expr: hField(PERSON, 'id'), order: 'ASC' });
  return order;
}

function alias(name: string, expr: HExpr): HExpr {
  return { node: 'Alias', alias: name, expr };
}
