import { offsetParam } from '../persons/person-model';

/** Rows per page of the recordings list (PostHog's UI asks for 50 too). */
export const RECORDINGS_PAGE_SIZE = 50;

/** The orderings the list offers, each a `RecordingsQuery.order` value. */
export const RECORDING_ORDERS = [
  { value: 'start_time', label: 'Latest' },
  { value: 'duration', label: 'Longest' },
  { value: 'active_seconds', label: 'Most active time' },
  { value: 'activity_score', label: 'Most activity' },
  { value: 'console_error_count', label: 'Most console errors' },
  { value: 'click_count', label: 'Most clicks' },
] as const;
export type RecordingOrder = (typeof RECORDING_ORDERS)[number]['value'];

/** The date ranges the list offers, PostHog's relative `date_from` values. */
export const RECORDING_PERIODS = [
  { value: '-24h', label: 'Last 24 hours' },
  { value: '-3d', label: 'Last 3 days' },
  { value: '-7d', label: 'Last 7 days' },
  { value: '-30d', label: 'Last 30 days' },
  { value: '-90d', label: 'Last 90 days' },
] as const;
export type RecordingPeriod = (typeof RECORDING_PERIODS)[number]['value'];

/** What the recordings list is narrowed to; it lives in the page's URL so a filtered list can be shared and returned to. */
export interface RecordingsFilters {
  period: RecordingPeriod;
  /** At least this many seconds long (0: any length). */
  minDurationS: number;
  /** A distinct id of the person (any of theirs finds all their recordings). */
  distinctId: string;
  /** Only sessions in which this event was captured. */
  event: string;
  consoleErrorsOnly: boolean;
  /** Leave out the recordings the signed-in user has watched (PostHog's "hide viewed recordings"). */
  hideViewed: boolean;
  order: RecordingOrder;
  offset: number;
}

export const DEFAULT_RECORDINGS_FILTERS: RecordingsFilters = {
  period: '-3d',
  minDurationS: 0,
  distinctId: '',
  event: '',
  consoleErrorsOnly: false,
  hideViewed: false,
  order: 'start_time',
  offset: 0,
};

/**
 * The filters a URL's search parameters describe; anything missing or unknown (a hand-edited URL) takes its default.
 * Example: recordingsFiltersFrom(new URLSearchParams('order=duration&errors=1')) -> { ...defaults, order: 'duration', consoleErrorsOnly: true }
 */
export function recordingsFiltersFrom(params: URLSearchParams): RecordingsFilters {
  const d = DEFAULT_RECORDINGS_FILTERS;
  const period = RECORDING_PERIODS.find((p) => p.value === params.get('date_from'))?.value ?? d.period;
  const order = RECORDING_ORDERS.find((o) => o.value === params.get('order'))?.value ?? d.order;
  return {
    period,
    minDurationS: offsetParam(params.get('min_duration')),
    distinctId: params.get('distinct_id')?.trim() ?? '',
    event: params.get('event')?.trim() ?? '',
    consoleErrorsOnly: params.get('errors') === '1',
    hideViewed: params.get('hide_viewed') === '1',
    order,
    offset: offsetParam(params.get('offset')),
  };
}

/**
 * The search parameters of `filters`, leaving out those at their default so the plain list has a plain URL.
 * Example: recordingsSearchParams({ ...DEFAULT_RECORDINGS_FILTERS, event: 'signed up' }) -> { event: 'signed up' }
 */
export function recordingsSearchParams(filters: RecordingsFilters): Record<string, string> {
  const d = DEFAULT_RECORDINGS_FILTERS;
  const out: Record<string, string> = {};
  if (filters.period !== d.period) out.date_from = filters.period;
  if (filters.minDurationS > 0) out.min_duration = String(filters.minDurationS);
  if (filters.distinctId.trim()) out.distinct_id = filters.distinctId.trim();
  if (filters.event.trim()) out.event = filters.event.trim();
  if (filters.consoleErrorsOnly) out.errors = '1';
  if (filters.hideViewed) out.hide_viewed = '1';
  if (filters.order !== d.order) out.order = filters.order;
  if (filters.offset > 0) out.offset = String(filters.offset);
  return out;
}

/**
 * The `GET /session_recordings/` query (PostHog's `RecordingsQuery`, complex values JSON-encoded) for `filters`.
 * Example: recordingsApiQuery({ ...DEFAULT_RECORDINGS_FILTERS, minDurationS: 60 }).having_predicates
 *   -> '[{"type":"recording","key":"duration","operator":"gt","value":60}]'
 */
export function recordingsApiQuery(filters: RecordingsFilters, limit = RECORDINGS_PAGE_SIZE): Record<string, string | number | undefined> {
  const distinctId = filters.distinctId.trim();
  const event = filters.event.trim();
  return {
    date_from: filters.period,
    distinct_ids: distinctId ? JSON.stringify([distinctId]) : undefined,
    events: event ? JSON.stringify([{ id: event, type: 'events', name: event }]) : undefined,
    having_predicates: filters.minDurationS > 0 ? JSON.stringify([{ type: 'recording', key: 'duration', operator: 'gt', value: filters.minDurationS }]) : undefined,
    console_log_filters: filters.consoleErrorsOnly ? JSON.stringify([{ type: 'log_entry', key: 'level', operator: 'exact', value: ['error'] }]) : undefined,
    hide_viewed: filters.hideViewed ? 'current-user' : undefined,
    order: filters.order,
    order_direction: 'DESC',
    limit,
    offset: filters.offset > 0 ? filters.offset : undefined,
  };
}

/** Whether anything narrows the list (then an empty page means "nothing matches", not "nothing recorded yet"). */
export function isFiltered(filters: RecordingsFilters): boolean {
  const d = DEFAULT_RECORDINGS_FILTERS;
  return filters.minDurationS > 0 || filters.distinctId.trim() !== '' || filters.event.trim() !== '' || filters.consoleErrorsOnly || filters.hideViewed || filters.period !== d.period;
}
