/** PostHog's `DateRange` on every insight query. */
export interface DateRange {
  date_from?: string | null;
  date_to?: string | null;
  explicitDate?: boolean | null;
}

/** The relative ranges the picker offers, as PostHog's date strings. */
export const DATE_PRESETS: readonly { value: string; label: string }[] = [
  { value: '-24h', label: 'Last 24 hours' },
  { value: '-7d', label: 'Last 7 days' },
  { value: '-14d', label: 'Last 14 days' },
  { value: '-30d', label: 'Last 30 days' },
  { value: '-90d', label: 'Last 90 days' },
  { value: '-180d', label: 'Last 180 days' },
  { value: 'mStart', label: 'This month' },
  { value: 'yStart', label: 'Year to date' },
  { value: 'all', label: 'All time' },
];

export const DEFAULT_DATE_FROM = '-7d';
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Which picker choice a range is: a preset's value, or 'custom' for fixed dates (or anything else a saved query holds).
 * Example: datePresetOf({ date_from: '-30d' }) === '-30d'; datePresetOf({ date_from: '2024-05-01', date_to: '2024-05-31' }) === 'custom'
 */
export function datePresetOf(range: DateRange | null | undefined): string {
  const from = range?.date_from ?? DEFAULT_DATE_FROM;
  if (!range?.date_to && DATE_PRESETS.some((p) => p.value === from)) return from;
  return 'custom';
}

/** The range of a preset: relative start, open end. Example: presetRange('-14d') -> { date_from: '-14d', date_to: null } */
export function presetRange(value: string): DateRange {
  return { date_from: value, date_to: null };
}

/**
 * A fixed range from two `YYYY-MM-DD` days (either may be blank: from the default start / up to now); an end before the
 * start is swapped rather than sent to fail. Example: customRange('2024-05-31', '2024-05-01') -> { date_from: '2024-05-01', date_to: '2024-05-31' }
 */
export function customRange(from: string, to: string): DateRange {
  const a = ISO_DAY.test(from) ? from : null;
  const b = ISO_DAY.test(to) ? to : null;
  if (a && b && b < a) return { date_from: b, date_to: a };
  return { date_from: a ?? DEFAULT_DATE_FROM, date_to: b };
}

/** The `YYYY-MM-DD` day a fixed date string starts with, for a date input ('' for relative ones). */
export function dayOf(value: string | null | undefined): string {
  return value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : '';
}

/** Words for a range, e.g. "Last 7 days" or "2024-05-01 – 2024-05-31". */
export function dateRangeLabel(range: DateRange | null | undefined): string {
  const preset = datePresetOf(range);
  if (preset !== 'custom') return DATE_PRESETS.find((p) => p.value === preset)!.label;
  return `${range?.date_from ?? DEFAULT_DATE_FROM} – ${range?.date_to ?? 'now'}`;
}
