import type { ActionDefinition, InsightContext } from '@warren/query/insights/insight-context';
import type { CohortRef } from '@warren/query/cohorts/cohort-condition';
import type { WebRollupDay } from '@warren/query/web-analytics/web-rollups';
import { compileInsightStatement } from '@warren/query/insights/insight-statement';
import { parseHogQLSelect } from '@warren/query/hogql/parse-hogql';
import type { Project } from '../projects/project-repository.js';
import type { EventStore } from '../storage/event-store.js';
import { runStatements, type Deadline } from './run-statements.js';

export interface InsightContextSources {
  actions: { forProject(teamId: number): Promise<ReadonlyMap<number, ActionDefinition>> };
  /** Cohorts cohort filters may name (their current membership version); absent: cohort filters are refused. */
  cohorts?: { forProject(teamId: number): Promise<ReadonlyMap<number, CohortRef>> };
  store: Pick<EventStore, 'query'>;
  /** Web analytics' daily rollups that stand (read for web queries only). */
  webRollups?: { standingDays(teamId: number): Promise<readonly WebRollupDay[]> };
}

/** The query kinds that can take days from the web rollups. */
const WEB_ROLLUP_KINDS: ReadonlySet<unknown> = new Set(['WebOverviewQuery', 'WebStatsTableQuery']);

/**
 * What an insight compiler needs to know about the project, read before compiling: timezone, week start, the
 * project's actions, its test-account filters, its first event (only when the query asks for all time) and the web
 * rollups' standing days (only for web queries). Example: await loadInsightContext(project, query, sources, deadline, signal).weekStartDay // 0
 */
export async function loadInsightContext(
  project: Project,
  query: unknown,
  sources: InsightContextSources,
  deadline: Deadline,
  signal: AbortSignal,
  now: Date = new Date(),
): Promise<InsightContext> {
  const base = { teamId: project.id, timezone: project.timezone };
  return {
    ...base,
    weekStartDay: project.weekStartDay === 1 ? 1 : 0,
    now,
    actions: await sources.actions.forProject(project.id),
    cohorts: await sources.cohorts?.forProject(project.id),
    testAccountFilters: project.testAccountFilters ?? [],
    earliestEventAt: asksForAllTime(query) ? await earliestEventAt(sources.store, base, deadline, signal) : undefined,
    ...(sources.webRollups && isWebRollupQuery(query) && { webRollupDays: await sources.webRollups.standingDays(project.id) }),
  };
}

function isWebRollupQuery(query: unknown): boolean {
  return query !== null && typeof query === 'object' && WEB_ROLLUP_KINDS.has((query as { kind?: unknown }).kind);
}

/**
 * True when some `date_from` in the query is `"all"`. Example: asksForAllTime({ dateRange: { date_from: 'all' } }) -> true.
 */
export function asksForAllTime(value: unknown, depth = 0): boolean {
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => asksForAllTime(v, depth + 1));
  const record = value as Record<string, unknown>;
  if (record.date_from === 'all') return true;
  return Object.values(record).some((v) => asksForAllTime(v, depth + 1));
}

async function earliestEventAt(
  store: Pick<EventStore, 'query'>,
  ctx: { teamId: number; timezone: string },
  deadline: Deadline,
  signal: AbortSignal,
): Promise<Date | null> {
  const ast = await parseHogQLSelect('SELECT toUnixTimestamp64Milli(min(timestamp)) AS earliest FROM events');
  const [result] = await runStatements(store, [compileInsightStatement(ast, ctx)], deadline, signal);
  const millis = Number(result.rows[0]?.[0] ?? 0);
  // min() over no rows is the epoch: the project has no events.
  return millis > 0 ? new Date(millis) : null;
}
