import type { WebOverviewItemApi } from '@warren/shared/web-analytics-api';

/** What the overview's figures are called on screen, by their key. */
export const FIGURE_LABELS: Readonly<Record<string, string>> = {
  visitors: 'Visitors',
  views: 'Pageviews',
  sessions: 'Sessions',
  'session duration': 'Session duration',
  'bounce rate': 'Bounce rate',
  'total conversions': 'Conversions',
  'unique conversions': 'Converting visitors',
  'conversion rate': 'Conversion rate',
};

const plain = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** A count, short once it is large. Example: formatCount(1234) -> '1,234'; formatCount(123456) -> '123.5K' */
export function formatCount(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '–';
  return Math.abs(n) >= 100_000 ? compact.format(n) : plain.format(n);
}

/** Seconds as a person reads them. Example: formatDuration(46.25) -> '46s'; formatDuration(3725) -> '1h 2m' */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** A percentage given 0–100, whole under a tenth's noise. Example: formatPercent(25) -> '25%'; formatPercent(33.333) -> '33%' */
export function formatPercent(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return `${Math.round(value)}%`;
}

/** A figure's value (or previous value) formatted by its kind. */
export function formatFigure(kind: WebOverviewItemApi['kind'], value: number | null): string {
  if (kind === 'duration_s') return formatDuration(value);
  if (kind === 'percentage') return formatPercent(value);
  return formatCount(value);
}

export type ChangeTone = 'good' | 'bad' | 'flat';

/**
 * Whether a change is good news: a rise is, unless the figure says a rise is bad (bounce rate).
 * Example: changeTone({ changeFromPreviousPct: 12, isIncreaseBad: true }) -> 'bad'
 */
export function changeTone(item: Pick<WebOverviewItemApi, 'changeFromPreviousPct' | 'isIncreaseBad'>): ChangeTone {
  const pct = item.changeFromPreviousPct;
  if (pct === null || pct === 0) return 'flat';
  return pct > 0 !== Boolean(item.isIncreaseBad) ? 'good' : 'bad';
}

/** The change as shown beside a figure. Example: changeText(100) -> '↑ 100%'; changeText(-50) -> '↓ 50%' */
export function changeText(pct: number): string {
  if (pct === 0) return '0%';
  return `${pct > 0 ? '↑' : '↓'} ${plain.format(Math.abs(pct))}%`;
}

/**
 * The flag emoji of an ISO 3166 country code (two regional indicator letters), '' for anything else.
 * Example: flagEmoji('de') -> '🇩🇪'
 */
export function flagEmoji(code: string | null | undefined): string {
  if (!code || !/^[A-Za-z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code.toUpperCase()].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

let regionNames: Intl.DisplayNames | null | undefined;

/** A country's English name from its ISO code, the code itself where the browser has no name. Example: countryName('GB') -> 'United Kingdom' */
export function countryName(code: string): string {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
    } catch {
      regionNames = null;
    }
  }
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  try {
    return regionNames?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
