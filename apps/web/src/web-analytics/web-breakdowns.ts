import type { WebStatsBreakdownApi } from '@warren/shared/web-analytics-api';
import { countryName, flagEmoji } from './web-format';
import type { WebFilter } from './web-page-state';

/**
 * One tab of a table card: what the server breaks down by, and the property a clicked row filters the page on — the
 * one the server groups by (packages/query/src/web-analytics/web-breakdowns.ts), so a filtered page keeps exactly
 * the row clicked: the event's `$pathname` for pages viewed, the session's fields for everything a visit has once
 * (entry and exit page, channel, referrer, UTM, and the landing event's device and place).
 */
export interface BreakdownTab {
  breakdownBy: WebStatsBreakdownApi;
  /** The tab's name, also the table's accessible name. */
  label: string;
  /** The header of the values column. */
  column: string;
  filter: { type: WebFilter['type']; key: string };
  /** How values read: paths, countries (flag and name), places inside a country, or text. */
  display: 'path' | 'country' | 'place' | 'text';
  /** Bounce rate is worth a column where a row is a page or a way in. */
  includeBounceRate?: boolean;
  /** Drawn as a world map rather than a table (Country only). */
  view?: 'map';
  /** Rows asked for, when a tab needs more than a table shows. */
  limit?: number;
}

export interface BreakdownCard {
  title: string;
  tabs: BreakdownTab[];
}

export const BREAKDOWN_CARDS: readonly BreakdownCard[] = [
  {
    title: 'Pages',
    tabs: [
      { breakdownBy: 'Page', label: 'Top pages', column: 'Page', filter: { type: 'event', key: '$pathname' }, display: 'path', includeBounceRate: true },
      { breakdownBy: 'InitialPage', label: 'Entry pages', column: 'Entry page', filter: { type: 'session', key: '$entry_pathname' }, display: 'path', includeBounceRate: true },
      { breakdownBy: 'ExitPage', label: 'Exit pages', column: 'Exit page', filter: { type: 'session', key: '$exit_pathname' }, display: 'path' },
    ],
  },
  {
    title: 'Sources',
    tabs: [
      { breakdownBy: 'InitialChannelType', label: 'Channels', column: 'Channel', filter: { type: 'session', key: '$channel_type' }, display: 'text', includeBounceRate: true },
      { breakdownBy: 'InitialReferringDomain', label: 'Referrers', column: 'Referring domain', filter: { type: 'session', key: '$entry_referring_domain' }, display: 'text', includeBounceRate: true },
      { breakdownBy: 'InitialUTMSource', label: 'UTM sources', column: 'UTM source', filter: { type: 'session', key: '$entry_utm_source' }, display: 'text', includeBounceRate: true },
      { breakdownBy: 'InitialUTMCampaign', label: 'UTM campaigns', column: 'UTM campaign', filter: { type: 'session', key: '$entry_utm_campaign' }, display: 'text', includeBounceRate: true },
    ],
  },
  {
    title: 'Devices',
    tabs: [
      { breakdownBy: 'DeviceType', label: 'Device type', column: 'Device type', filter: { type: 'session', key: '$device_type' }, display: 'text' },
      { breakdownBy: 'Browser', label: 'Browser', column: 'Browser', filter: { type: 'session', key: '$browser' }, display: 'text' },
      { breakdownBy: 'OS', label: 'OS', column: 'Operating system', filter: { type: 'session', key: '$os' }, display: 'text' },
    ],
  },
  {
    title: 'Geography',
    tabs: [
      // Every country (ISO 3166 has 249 codes), so the map is complete; Plausible opens its Locations card on the map too.
      { breakdownBy: 'Country', label: 'Map', column: 'Country', filter: { type: 'session', key: '$geoip_country_code' }, display: 'country', view: 'map', limit: 250 },
      { breakdownBy: 'Country', label: 'Countries', column: 'Country', filter: { type: 'session', key: '$geoip_country_code' }, display: 'country' },
      { breakdownBy: 'Region', label: 'Regions', column: 'Region', filter: { type: 'session', key: '$geoip_subdivision_1_code' }, display: 'place' },
      { breakdownBy: 'City', label: 'Cities', column: 'City', filter: { type: 'session', key: '$geoip_city_name' }, display: 'place' },
    ],
  },
];

/** What a breakdown value shows and filters on. */
export interface BreakdownValue {
  /** Text of the row (with the flag for places). */
  label: string;
  /** The filter a click adds (a null value: "not set"). */
  filter: WebFilter;
}

const NONE = '(none)';

/**
 * A row's breakdown value read for display and filtering. Values are text or null; Region and City come as tuples
 * `[country code, region code, region name]` / `[country code, city]` (PostHog's shape), or as plain text.
 * Example: breakdownValue(countryTab, 'DE') -> { label: '🇩🇪 Germany', filter: { type: 'session', key: '$geoip_country_code', value: 'DE' } }
 */
export function breakdownValue(tab: BreakdownTab, raw: unknown): BreakdownValue {
  const filter = (value: string | null): WebFilter => ({ ...tab.filter, value });
  if (Array.isArray(raw)) {
    const parts = raw.map((p) => (p === null || p === undefined ? null : String(p)));
    const country = parts[0] ?? null;
    const value = parts[1] ?? null;
    const name = parts[parts.length - 1] || value;
    const flag = flagEmoji(country);
    return { label: name ? `${flag ? `${flag} ` : ''}${name}` : NONE, filter: filter(value || null) };
  }
  const text = raw === null || raw === undefined || raw === '' ? null : String(raw);
  if (text === null) return { label: NONE, filter: filter(null) };
  if (tab.display === 'country') {
    const flag = flagEmoji(text);
    return { label: flag ? `${flag} ${countryName(text)}` : text, filter: filter(text) };
  }
  if (tab.filter.key === '$entry_referring_domain' && text === '$direct') return { label: 'Direct / none', filter: filter(text) };
  return { label: text, filter: filter(text) };
}

/**
 * Words for an active filter chip: the column it came from and its value as its row showed it.
 * Example: filterLabel({ type: 'session', key: '$channel_type', value: 'Direct' }) -> 'Channel is Direct'
 */
export function filterLabel(f: WebFilter): string {
  const tab = BREAKDOWN_CARDS.flatMap((c) => c.tabs).find((t) => t.filter.type === f.type && t.filter.key === f.key);
  if (!tab) return f.value === null ? `${f.key} is not set` : `${f.key} is ${f.value}`;
  if (f.value === null) return `${tab.column} is not set`;
  const shown = tab.display === 'place' ? f.value : breakdownValue(tab, f.value).label;
  return `${tab.column} is ${shown}`;
}
