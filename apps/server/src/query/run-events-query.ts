import { compileEventsQuery, type CompileEventsQueryInput } from '@warren/query/hogql/compile-events-query';
import { EVENT_OBJECT_FIELDS, PERSON_OBJECT_FIELDS } from '@warren/query/hogql/events-query-select';
import type { PropertyFilters } from '@warren/query/hogql/property-filter';
import type { CohortRef } from '@warren/query/cohorts/cohort-condition';
import type { Project } from '../projects/project-repository.js';
import type { EventStore } from '../storage/event-store.js';
import { toQueryError } from './query-errors.js';
import { computedFields } from './response-fields.js';
import { clickhouseTimeToIso, shapeValue } from './shape-values.js';

/** PostHog's EventsQuery node: the compiler's input without what the server supplies, plus `fixedProperties`. */
export type EventsQueryNode = { kind: 'EventsQuery'; fixedProperties?: PropertyFilters } & Omit<CompileEventsQueryInput, 'teamId' | 'timezone' | 'now'>;

/** Runs an EventsQuery and shapes PostHog's EventsQueryResponse (`*` and `person` columns become objects). */
export async function runEventsQuery(store: Pick<EventStore, 'query'>, project: Project, node: EventsQueryNode, cohorts?: ReadonlyMap<number, CohortRef>) {
  try {
    const properties = [...asList(node.properties), ...asList(node.fixedProperties)];
    const compiled = await compileEventsQuery({
      ...node,
      properties: properties.length > 0 ? properties : undefined,
      teamId: project.id,
      timezone: project.timezone,
      now: new Date(),
      cohorts,
    });
    const result = await store.query(compiled.sql, compiled.params, { timeoutMs: 10_000 });
    const rows = result.rows.slice(0, compiled.limit).map((row) =>
      row.map((value, i) => {
        const expand = compiled.expand[i];
        if (expand === 'event') return eventObject(value as unknown[], project);
        if (expand === 'person') return personObject(value as unknown[], project);
        return shapeValue(value, result.columns[i].type);
      }),
    );
    return {
      results: rows,
      columns: compiled.columns,
      types: result.columns.map((c) => c.type),
      hogql: compiled.hogql,
      hasMore: result.rows.length > compiled.limit,
      limit: compiled.limit,
      offset: compiled.offset,
      ...computedFields(result.elapsedMs),
    };
  } catch (error) {
    throw toQueryError(error);
  }
}

function asList(filters: PropertyFilters | undefined) {
  if (!filters) return [];
  return Array.isArray(filters) ? filters : [filters];
}

function eventObject(tuple: unknown[], project: Project) {
  const o = Object.fromEntries(EVENT_OBJECT_FIELDS.map((f, i) => [f, tuple[i]])) as Record<string, unknown>;
  return {
    ...o,
    properties: parseJson(o.properties),
    timestamp: clickhouseTimeToIso(String(o.timestamp), project.timezone),
    created_at: clickhouseTimeToIso(String(o.created_at), project.timezone),
    team_id: project.id,
    elements: [],
  };
}

function personObject(tuple: unknown[], project: Project) {
  const o = Object.fromEntries(PERSON_OBJECT_FIELDS.map((f, i) => [f, tuple[i]])) as Record<string, unknown>;
  return {
    ...o,
    properties: parseJson(o.properties) ?? {},
    created_at: o.created_at ? clickhouseTimeToIso(String(o.created_at), project.timezone) : null,
  };
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
