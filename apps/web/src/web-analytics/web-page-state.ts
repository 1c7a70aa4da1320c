import type { PropertyFilter } from '../components/property-filter-model';

/** The date ranges the page offers (Plausible's short list), each with the chart interval that suits it. */
export const PERIODS = [
  { value: 'today', label: 'Today', dateFrom: 'dStart', interval: 'hour' },
  { value: '7d', label: 'Last 7 days', dateFrom: '-7d', interval: 'day' },
  { value: '14d', label: 'Last 14 days', dateFrom: '-14d', interval: 'day' },
  { value: '30d', label: 'Last 30 days', dateFrom: '-30d', interval: 'day' },
  { value: '90d', label: 'Last 90 days', dateFrom: '-90d', interval: 'day' },
  { value: '180d', label: 'Last 180 days', dateFrom: '-180d', interval: 'day' },
  { value: 'all', label: 'All time', dateFrom: 'all', interval: 'day' },
] as const;

export type Period = (typeof PERIODS)[number];
export type PeriodValue = Period['value'];
export const DEFAULT_PERIOD: PeriodValue = '7d';

/**
 * A filter the page applies everywhere, added by clicking a table row: a session property (where the visit came
 * from) or an event property (the page viewed). A null value stands for "not set" (a row of visits without one).
 */
export interface WebFilter {
  type: 'event' | 'session';
  key: string;
  value: string | null;
}

/** Everything the page shows depends on: the range, compare, and the filters. Lives in the URL, so views can be shared. */
export interface WebPageState {
  period: PeriodValue;
  compare: boolean;
  filters: WebFilter[];
}

// A filter travels as `f=<type>|<key>|<value>` (no value part for "not set"); keys come from the page's own list of
// breakdowns and never hold a `|`, so everything after the second one is the value, whatever it contains.
const FILTER_PARAM = 'f';
const SEPARATOR = '|';

/**
 * The page state a URL's search params hold; anything unknown falls back to the defaults rather than failing.
 * Example: parseWebState(new URLSearchParams('period=30d&compare=1&f=session|$channel_type|Direct'))
 *   -> { period: '30d', compare: true, filters: [{ type: 'session', key: '$channel_type', value: 'Direct' }] }
 */
export function parseWebState(params: URLSearchParams): WebPageState {
  const period = PERIODS.find((p) => p.value === params.get('period'))?.value ?? DEFAULT_PERIOD;
  const filters: WebFilter[] = [];
  for (const raw of params.getAll(FILTER_PARAM)) {
    const first = raw.indexOf(SEPARATOR);
    if (first <= 0) continue;
    const type = raw.slice(0, first);
    if (type !== 'event' && type !== 'session') continue;
    const rest = raw.slice(first + 1);
    const second = rest.indexOf(SEPARATOR);
    const key = second < 0 ? rest : rest.slice(0, second);
    if (key === '') continue;
    filters.push({ type, key, value: second < 0 ? null : rest.slice(second + 1) });
  }
  return { period, compare: params.get('compare') === '1', filters };
}

/**
 * The search params of a page state, defaults left out so a plain link stays plain.
 * Example: webStateParams({ period: '7d', compare: false, filters: [] }).toString() -> ''
 */
export function webStateParams(state: WebPageState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.period !== DEFAULT_PERIOD) params.set('period', state.period);
  if (state.compare) params.set('compare', '1');
  for (const f of state.filters) params.append(FILTER_PARAM, [f.type, f.key, ...(f.value === null ? [] : [f.value])].join(SEPARATOR));
  return params;
}

/** The period's definition. Example: periodOf('today').interval -> 'hour' */
export function periodOf(value: PeriodValue): Period {
  return PERIODS.find((p) => p.value === value)!;
}

/**
 * The filters after clicking a row: one filter per property, so a new value replaces the old one (as Plausible does).
 * Example: withFilter([{ type: 'event', key: '$pathname', value: '/' }], { type: 'event', key: '$pathname', value: '/a' }) -> [that one]
 */
export function withFilter(filters: readonly WebFilter[], added: WebFilter): WebFilter[] {
  return [...filters.filter((f) => !(f.type === added.type && f.key === added.key)), added];
}

/** The filters as the queries take them: equality, or "is not set" for a null value. */
export function propertyFiltersOf(filters: readonly WebFilter[]): PropertyFilter[] {
  return filters.map((f) =>
    f.value === null ? { type: f.type, key: f.key, operator: 'is_not_set', value: null } : { type: f.type, key: f.key, operator: 'exact', value: [f.value] },
  );
}
