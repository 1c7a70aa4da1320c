import type { DashboardFiltersApi } from '@warren/shared/dashboards-api';

/**
 * The dashboard-wide date range: saved in the dashboard's `filters` (`date_from`, `date_to`), which the server merges
 * into every insight tile's query (a date there replaces the tile's own range) and hands back in each tile's
 * `insight.query`; the tiles run exactly that query.
 */
export interface DateOverride {
  from: string | null;
  to: string | null;
}

/** Relative ranges offered, as PostHog's date strings; the empty value means "no override". */
export const DATE_OVERRIDE_PRESETS: readonly { value: string; label: string }[] = [
  { value: '-24h', label: 'Last 24 hours' },
  { value: '-7d', label: 'Last 7 days' },
  { value: '-14d', label: 'Last 14 days' },
  { value: '-30d', label: 'Last 30 days' },
  { value: '-90d', label: 'Last 90 days' },
  { value: 'mStart', label: 'This month' },
  { value: 'yStart', label: 'Year to date' },
  { value: 'all', label: 'All time' },
];

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Example: dateOverrideOf({ date_from: '-7d' }) // { from: '-7d', to: null } */
export function dateOverrideOf(filters: DashboardFiltersApi | null | undefined): DateOverride {
  const from = typeof filters?.date_from === 'string' && filters.date_from !== '' ? filters.date_from : null;
  const to = typeof filters?.date_to === 'string' && filters.date_to !== '' ? filters.date_to : null;
  return { from, to };
}

/**
 * The dashboard's filters with this date range (other filters kept); no `from` removes the override.
 * Example: filtersWithDateRange({ properties: [] }, { from: '-30d', to: null }) // { properties: [], date_from: '-30d', date_to: null }
 */
export function filtersWithDateRange(filters: DashboardFiltersApi | null | undefined, range: DateOverride): DashboardFiltersApi {
  const { date_from: _from, date_to: _to, ...rest } = filters ?? {};
  return range.from === null ? rest : { ...rest, date_from: range.from, date_to: range.to };
}

/**
 * Words for a range. Example: dateOverrideLabel({ from: '-7d', to: null }) === 'Last 7 days';
 * dateOverrideLabel({ from: '2024-05-01', to: '2024-05-07' }) === '2024-05-01 to 2024-05-07'
 */
export function dateOverrideLabel(range: DateOverride): string {
  if (range.from === null) return "Each insight's own dates";
  const preset = range.to === null ? DATE_OVERRIDE_PRESETS.find((p) => p.value === range.from) : undefined;
  if (preset) return preset.label;
  return range.to === null ? `From ${range.from}` : `${range.from} to ${range.to}`;
}

/**
 * The picker choice for a range: a preset's value, '' for none, 'custom' for anything else.
 * Example: presetOf({ from: '2024-05-01', to: null }) === 'custom'
 */
export function presetOf(range: DateOverride): string {
  if (range.from === null) return '';
  if (range.to === null && DATE_OVERRIDE_PRESETS.some((p) => p.value === range.from)) return range.from;
  return 'custom';
}

/** A custom range from two date inputs, or an error to show. Example: customRange('2024-05-07', '2024-05-01') // { error: … } */
export function customRange(from: string, to: string): { range: DateOverride } | { error: string } {
  if (!ISO_DAY.test(from)) return { error: 'Choose a start date.' };
  if (to !== '' && !ISO_DAY.test(to)) return { error: 'The end date is not a date.' };
  if (to !== '' && to < from) return { error: 'The end date is before the start date.' };
  return { range: { from, to: to === '' ? null : to } };
}
