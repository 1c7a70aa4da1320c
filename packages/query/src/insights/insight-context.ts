import type { CohortRef } from '../cohorts/cohort-condition.js';
import type { PropertyFilter } from '../hogql/property-filter.js';
import type { WebRollupDay } from '../web-analytics/web-rollups.js';

/** One step of an action (PostHog's `ActionStepJSON`); the steps of an action are OR-ed. */
export interface ActionStep {
  event?: string | null;
  /** Matched against `$current_url`. */
  url?: string | null;
  url_matching?: 'contains' | 'regex' | 'exact' | null;
  properties?: PropertyFilter[] | null;
  /** Autocapture element text and link, matched against the event's elements chain. */
  text?: string | null;
  text_matching?: 'contains' | 'regex' | 'exact' | null;
  href?: string | null;
  href_matching?: 'contains' | 'regex' | 'exact' | null;
  tag_name?: string | null;
  /** A CSS selector the autocaptured element (or its ancestors) must match. */
  selector?: string | null;
}

export interface ActionDefinition {
  id: number;
  name: string;
  steps: readonly ActionStep[];
}

/**
 * What an insight compiler needs to know about the project it runs for. Everything here is plain data, read by the
 * server before compiling, so the compilers stay pure.
 */
export interface InsightContext {
  teamId: number;
  /** IANA name; bucket boundaries, relative dates and labels are in this zone. */
  timezone: string;
  /** 0 = weeks start on Sunday (PostHog's default), 1 = Monday. */
  weekStartDay: 0 | 1;
  now: Date;
  /** Actions the query may reference by id (ActionsNode, retention entities of type `actions`). */
  actions: ReadonlyMap<number, ActionDefinition>;
  /** The project's test-account filters, applied when a query sets `filterTestAccounts`. */
  testAccountFilters: readonly PropertyFilter[];
  /** The project's first event, for `date_from: "all"`; null when it has none. */
  earliestEventAt?: Date | null;
  /** Cohorts property filters may name (`{type: 'cohort', value: id}`); an id not here is refused. */
  cohorts?: ReadonlyMap<number, CohortRef>;
  /**
   * Web analytics' pre-aggregated days that still stand (web-analytics/web-rollups.ts), loaded for web queries only:
   * without them every web query reads its sessions itself.
   */
  webRollupDays?: readonly WebRollupDay[];
}

/**
 * A context with PostHog's defaults, for tests and callers that know only the project.
 * @example insightContext({ teamId: 1, now: new Date('2024-05-08T15:00:00Z') }).timezone // => 'UTC'
 */
export function insightContext(partial: Partial<InsightContext> & Pick<InsightContext, 'teamId'>): InsightContext {
  return {
    timezone: 'UTC',
    weekStartDay: 0,
    now: new Date(),
    actions: new Map(),
    testAccountFilters: [],
    ...partial,
  };
}
