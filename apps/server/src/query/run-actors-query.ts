import { compileHogQLAst, MAX_LIMIT } from '@warren/query/hogql/compile-hogql';
import type { PropertyFilters } from '@warren/query/hogql/property-filter';
import { insightContext, type InsightContext } from '@warren/query/insights/insight-context';
import type { InsightKind } from '@warren/query/insights/insight-kinds';
import type { Project } from '../projects/project-repository.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { ACTOR_FIELDS, actorsSelect } from './actors-select.js';
import { actorsSelection, actorsSourceOf, type ActorsSource } from './actors-source.js';
import { distinctIdsByPerson, personWithDistinctId } from './person-distinct-ids.js';
import type { Calculation } from './query-executor.js';
import { parseError } from './query-errors.js';
import type { QueryNode } from './query-request.js';
import { computedFields } from './response-fields.js';
import type { Deadline } from './run-statements.js';
import { shapeValue } from './shape-values.js';

export interface ActorsQueryDeps {
  store: Pick<EventStore, 'query'>;
  db: MetaDb;
  /** The insight context for an insight source (actions, dates, …). */
  contextFor(query: QueryNode, deadline: Deadline, signal: AbortSignal): Promise<InsightContext>;
}

interface ActorsRequest {
  select: string[];
  search: string | null;
  properties: (PropertyFilters | null | undefined)[];
  orderBy: string[] | null;
  limit: number;
  offset: number;
}

const DEFAULT_LIMIT = 100;
const MAX_SELECT = 50;

/** An ActorsQuery's own fields (not its source), validated as PostHog's schema would. */
function actorsRequestOf(node: QueryNode): ActorsRequest {
  const select = node.select ?? ['actor'];
  if (!Array.isArray(select) || select.length === 0 || select.length > MAX_SELECT || !select.every((s) => typeof s === 'string' && s.trim() !== '')) {
    throw parseError(`select must be a list of 1 to ${MAX_SELECT} column names.`);
  }
  const search = node.search ?? null;
  if (search !== null && (typeof search !== 'string' || search.length > 400)) throw parseError('search must be a string of at most 400 characters.');
  const orderBy = node.orderBy ?? null;
  if (orderBy !== null && (!Array.isArray(orderBy) || !orderBy.every((o) => typeof o === 'string'))) throw parseError('orderBy must be a list of strings.');
  for (const field of ['properties', 'fixedProperties'] as const) {
    const filters = node[field];
    if (filters !== undefined && filters !== null && typeof filters !== 'object') throw parseError(`${field} must be a list or a group of filters.`);
  }
  return {
    select: select as string[],
    search: search === null || search.trim() === '' ? null : search.trim(),
    properties: [node.properties as PropertyFilters | null, node.fixedProperties as PropertyFilters | null],
    orderBy: orderBy as string[] | null,
    limit: Math.min(integerOf(node.limit, 'limit', DEFAULT_LIMIT, 1), MAX_LIMIT),
    offset: integerOf(node.offset, 'offset', 0, 0),
  };
}

/** An ActorsQuery checked before it runs: its own fields and where its people come from. */
export interface ActorsQuery {
  request: ActorsRequest;
  source: ActorsSource;
}

/**
 * Validates an ActorsQuery and its source, so a bad one is refused before it takes a query slot.
 * Example: actorsQueryOf({ kind: 'ActorsQuery' }, kinds).source // { kind: 'persons' }
 */
export function actorsQueryOf(node: QueryNode, kinds: (kind: string) => InsightKind | undefined): ActorsQuery {
  return { request: actorsRequestOf(node), source: actorsSourceOf(node.source, kinds) };
}

/**
 * Runs an ActorsQuery (rest-api.md 2.13): the people behind a point of an insight (or a HogQL query, or everyone),
 * as persons with their distinct ids, searched, filtered, ordered and paged.
 * Example: (await runActorsQuery(actorsQueryOf(node, kinds), project, deps, deadline, signal)).response.results[0][0].distinct_ids
 */
export async function runActorsQuery(query: ActorsQuery, project: Project, deps: ActorsQueryDeps, deadline: Deadline, signal: AbortSignal): Promise<Calculation> {
  const started = performance.now();
  const { request, source } = query;
  const ctx = source.kind === 'insight' ? await deps.contextFor(source.query, deadline, signal) : insightContext({ teamId: project.id, timezone: project.timezone });
  const selection = await actorsSelection(source, ctx);
  const searchIds = request.search ? await personWithDistinctId(deps.db, project.id, request.search) : null;
  const ast = await actorsSelect({
    selection,
    select: request.select,
    search: request.search ? { text: request.search, personIds: searchIds ? [searchIds] : [] } : null,
    properties: request.properties,
    orderBy: request.orderBy,
    limit: request.limit,
    offset: request.offset,
  });
  const compiled = compileHogQLAst(ast, { teamId: project.id, timezone: project.timezone, defaultLimit: DEFAULT_LIMIT, maxLimit: MAX_LIMIT });
  signal.throwIfAborted();
  const result = await deps.store.query(compiled.sql, compiled.params, { timeoutMs: deadline.remainingMs() });
  const rows = result.rows.slice(0, compiled.limit);
  const distinctIds = await distinctIdsByPerson(deps.db, project.id, rows.map((r) => String(r[0])));
  const extraTypes = result.columns.slice(ACTOR_FIELDS.length).map((c) => c.type);
  return {
    response: {
      results: rows.map((row) => shapeRow(row, request.select, result.columns, distinctIds)),
      columns: request.select,
      types: columnTypes(request.select, extraTypes),
      hogql: compiled.hogql,
      hasMore: result.rows.length > compiled.limit,
      limit: compiled.limit,
      offset: request.offset,
      // Actors without a person row are dropped by the join inside the query, so none are missing from a page.
      missing_actors_count: 0,
      ...computedFields(performance.now() - started),
    },
    dateFrom: null,
    dateTo: null,
  };
}

function shapeRow(row: unknown[], select: readonly string[], columns: { type: string }[], distinctIds: Map<string, string[]>): unknown[] {
  let next = ACTOR_FIELDS.length;
  return select.map((column) => {
    if (column !== 'actor') {
      const i = next++;
      return shapeValue(row[i], columns[i].type);
    }
    const [id, properties, createdAt, isIdentified] = row;
    return {
      id,
      uuid: id,
      distinct_ids: distinctIds.get(String(id)) ?? [],
      properties: parseObject(properties),
      created_at: shapeValue(createdAt, columns[2].type),
      is_identified: Boolean(Number(isIdentified)),
    };
  });
}

function columnTypes(select: readonly string[], extraTypes: string[]): string[] {
  let next = 0;
  return select.map((column) => (column === 'actor' ? 'Tuple(UUID)' : (extraTypes[next++] ?? 'String')));
}

function parseObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return {};
  try {
    const parsed = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function integerOf(value: unknown, field: string, fallback: number, min: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw parseError(`${field} must be an integer of at least ${min}.`);
  return value;
}
