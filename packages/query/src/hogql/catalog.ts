import type { TableSource } from '../sql/ast.js';
import { table } from '../sql/build.js';
import type { LazyJoin } from './scope.js';
import { SESSION_FIELDS, sessionsSource, type SessionWindow } from './sessions-source.js';
import { groupsSource, personsSource } from './table-sources.js';

/** How a HogQL column maps onto its source. */
export type CatalogColumn =
  | { kind: 'plain'; column: string }
  /** A UTC DateTime64 presented in the project timezone. */
  | { kind: 'datetime'; column: string }
  /** A JSON string; `col.key` and `col['key']` read properties. */
  | { kind: 'json'; column: string }
  /** events.person_id after identify/alias merges (needs the overrides join). */
  | { kind: 'person_id' }
  /**
   * A row of another table joined only when a query reads it: events.person (on the merged person id),
   * events.group_N (the group of type N keyed by `$group_N`), events.session (on `$session_id`).
   */
  | { kind: 'join'; join: Exclude<LazyJoin, 'override'> };

export interface CatalogTable {
  name: string;
  /**
   * The FROM source; the printer restricts every physical table it reads to the project. `read` names the columns the
   * query reads (a source may print only those).
   */
  source(options: { sessionWindow?: SessionWindow; read?: ReadonlySet<string> }): TableSource;
  columns: Readonly<Record<string, CatalogColumn>>;
  /** What `*` expands to (lazy joins excluded, as in PostHog). */
  star: readonly string[];
}

const plain = (column: string): CatalogColumn => ({ kind: 'plain', column });

const EVENTS: CatalogTable = {
  name: 'events',
  source: () => table('events'),
  columns: {
    uuid: plain('uuid'),
    event: plain('event'),
    properties: { kind: 'json', column: 'properties' },
    timestamp: { kind: 'datetime', column: 'timestamp' },
    distinct_id: plain('distinct_id'),
    elements_chain: plain('elements_chain'),
    created_at: { kind: 'datetime', column: 'created_at' },
    $session_id: plain('$session_id'),
    $window_id: plain('$window_id'),
    $group_0: plain('$group_0'),
    $group_1: plain('$group_1'),
    $group_2: plain('$group_2'),
    $group_3: plain('$group_3'),
    $group_4: plain('$group_4'),
    person_id: { kind: 'person_id' },
    person: { kind: 'join', join: 'person' },
    group_0: { kind: 'join', join: 'group_0' },
    group_1: { kind: 'join', join: 'group_1' },
    group_2: { kind: 'join', join: 'group_2' },
    group_3: { kind: 'join', join: 'group_3' },
    group_4: { kind: 'join', join: 'group_4' },
    session: { kind: 'join', join: 'session' },
  },
  star: ['uuid', 'event', 'properties', 'timestamp', 'distinct_id', 'elements_chain', 'created_at', '$session_id', '$window_id'],
};

const PERSONS: CatalogTable = {
  name: 'persons',
  source: personsSource,
  columns: {
    id: plain('id'),
    created_at: { kind: 'datetime', column: 'created_at' },
    properties: { kind: 'json', column: 'properties' },
    is_identified: plain('is_identified'),
  },
  star: ['id', 'created_at', 'properties', 'is_identified'],
};

const GROUPS: CatalogTable = {
  name: 'groups',
  source: () => groupsSource(),
  columns: {
    index: plain('index'),
    key: plain('key'),
    created_at: { kind: 'datetime', column: 'created_at' },
    properties: { kind: 'json', column: 'properties' },
  },
  star: ['index', 'key', 'created_at', 'properties'],
};

// Computed from events for now (see sessionsSource); the field names are those of PostHog's sessions table.
const SESSIONS: CatalogTable = {
  name: 'sessions',
  source: ({ sessionWindow, read }) => sessionsSource(sessionWindow, read),
  columns: Object.fromEntries(
    [...SESSION_FIELDS].map(([name, type]) => [name, type === 'datetime' ? { kind: 'datetime', column: name } : plain(name)]),
  ),
  star: [...SESSION_FIELDS.keys()],
};

// Every calculation version of every cohort of the project; cohort filters read the one version that is current.
const COHORT_PEOPLE: CatalogTable = {
  name: 'cohort_people',
  source: () => table('cohort_people'),
  columns: { cohort_id: plain('cohort_id'), person_id: plain('person_id'), version: plain('version') },
  star: ['cohort_id', 'person_id', 'version'],
};

// Web analytics' daily pre-aggregates (packages/query/src/web-analytics/web-rollups.ts): per day of the session id
// and computation `version`, the figures of that day's sessions, of their views per path, and of its sessions per
// value of each session-level breakdown. `visitors` is a uniq state, read with uniqMerge.
const ROLLUP_KEY = { session_day: plain('session_day'), version: plain('version'), band: plain('band') };
const WEB_SESSIONS_DAILY: CatalogTable = {
  name: 'web_sessions_daily',
  source: () => table('web_sessions_daily'),
  columns: {
    ...ROLLUP_KEY,
    ...Object.fromEntries(['visitors', 'views', 'sessions', 'duration_sum', 'bounces'].map((c) => [c, plain(c)])),
    min_start: { kind: 'datetime', column: 'min_start' },
    max_start: { kind: 'datetime', column: 'max_start' },
    max_end: { kind: 'datetime', column: 'max_end' },
  },
  star: ['session_day', 'version', 'band', 'views', 'sessions', 'duration_sum', 'bounces', 'min_start', 'max_start', 'max_end'],
};
const WEB_PAGES_DAILY: CatalogTable = {
  name: 'web_pages_daily',
  source: () => table('web_pages_daily'),
  columns: { ...ROLLUP_KEY, ...Object.fromEntries(['path', 'views', 'visitors', 'landings', 'landing_bounces'].map((c) => [c, plain(c)])) },
  star: ['session_day', 'version', 'band', 'path', 'views', 'landings', 'landing_bounces'],
};

const WEB_BREAKDOWNS_DAILY: CatalogTable = {
  name: 'web_breakdowns_daily',
  source: () => table('web_breakdowns_daily'),
  columns: { ...ROLLUP_KEY, ...Object.fromEntries(['breakdown', 'value', 'visitors', 'views', 'sessions', 'bounces'].map((c) => [c, plain(c)])) },
  star: ['session_day', 'version', 'band', 'breakdown', 'value', 'views', 'sessions', 'bounces'],
};

const TABLES: ReadonlyMap<string, CatalogTable> = new Map([
  ['events', EVENTS],
  ['persons', PERSONS],
  ['groups', GROUPS],
  ['sessions', SESSIONS],
  ['cohort_people', COHORT_PEOPLE],
  ['web_sessions_daily', WEB_SESSIONS_DAILY],
  ['web_pages_daily', WEB_PAGES_DAILY],
  ['web_breakdowns_daily', WEB_BREAKDOWNS_DAILY],
]);

/**
 * The HogQL tables Warren exposes. Anything else (system.*, db-qualified names, table functions) does not resolve.
 * @example findCatalogTable('events')?.columns.event // => { kind: 'plain', column: 'event' }
 */
export function findCatalogTable(name: string): CatalogTable | undefined {
  return TABLES.get(name);
}

/**
 * The table behind one of the events lazy joins, whose columns `person.x`, `group_0.x` and `session.x` read.
 * @example joinedTable('group_2').name // => 'groups'
 */
export function joinedTable(join: Exclude<LazyJoin, 'override'>): CatalogTable {
  if (join === 'person') return PERSONS;
  if (join === 'session') return SESSIONS;
  return GROUPS;
}
