import { hAnd, hCall, hCompare, hConstant, hField, type HExpr } from '../hogql/hogql-ast.js';
import { cleanPath, type PathCleaningRule } from './web-path-cleaning.js';

/** The `breakdownBy` values of WebStatsTableQuery Warren answers (rest-api.md 2.15; ExitClick and frustration aside). */
export const WEB_STATS_BREAKDOWNS = [
  'Page', 'InitialPage', 'ExitPage', 'PreviousPage', 'ScreenName', 'InitialChannelType', 'InitialReferringDomain',
  'InitialReferringURL', 'InitialUTMSource', 'InitialUTMMedium', 'InitialUTMCampaign', 'InitialUTMTerm',
  'InitialUTMContent', 'InitialUTMSourceMediumCampaign', 'Browser', 'OS', 'Viewport', 'DeviceType', 'Country', 'Region',
  'City', 'Timezone', 'Language',
] as const;

export type WebStatsBreakdown = (typeof WEB_STATS_BREAKDOWNS)[number];

/** How a table groups: view events by their own value, or sessions by the session's value. */
export type BreakdownLevel = 'event' | 'session';

export interface BreakdownDefinition {
  level: BreakdownLevel;
  /** The value, over events joined to their session (`session.<field>` for session-level breakdowns). */
  value: HExpr;
  /** Which rows the table keeps, on its `breakdown_value` column. */
  keep: HExpr;
}

const NONE = '(none)';
const REFERRER_PREFIX = 'referrer:';

const event = (key: string) => hField('properties', key);
const session = (field: string) => hField('session', field);
const breakdownValue = hField('breakdown_value');
const notNull = (expr: HExpr) => hCall('isNotNull', expr);
const nth = (index: number) => hCall('tupleElement', breakdownValue, hConstant(index));

// PostHog leaves out rows whose value is unknown, except for UTM fields, where "no campaign" is itself an answer.
const KNOWN = notNull(breakdownValue);
const ANY = hConstant(true);

/**
 * What each breakdown groups by. Page-like values (Page, PreviousPage, ScreenName) belong to each view; the others
 * are the session's, read from the sessions model: where the session began, how it arrived, and the landing event's
 * device and place (Warren keeps those per session; PostHog reads them from each event, which agrees whenever a
 * session stays on one device and place). Paths go through the path cleaning rules.
 * @example breakdownDefinition('Country', []).value // session.$geoip_country_code
 */
export function breakdownDefinition(breakdown: WebStatsBreakdown, rules: readonly PathCleaningRule[]): BreakdownDefinition {
  const sessionField = (field: string, keep: HExpr = KNOWN): BreakdownDefinition => ({ level: 'session', value: session(field), keep });
  switch (breakdown) {
    case 'Page':
      return { level: 'event', value: cleanPath(event('$pathname'), rules), keep: KNOWN };
    case 'PreviousPage':
      return { level: 'event', value: previousPage(rules), keep: KNOWN };
    case 'ScreenName':
      return { level: 'event', value: event('$screen_name'), keep: KNOWN };
    case 'InitialPage':
      return { level: 'session', value: cleanPath(session('$entry_pathname'), rules), keep: KNOWN };
    case 'ExitPage':
      return { level: 'session', value: cleanPath(session('$exit_pathname'), rules), keep: KNOWN };
    case 'InitialChannelType':
      return sessionField('$channel_type', hAnd([KNOWN, hCompare('!=', breakdownValue, hConstant(''))]));
    case 'InitialReferringDomain':
      return sessionField('$entry_referring_domain');
    case 'InitialReferringURL':
      return { level: 'session', value: hCall('cutFragment', hCall('cutQueryString', session('$entry_referrer'))), keep: KNOWN };
    case 'InitialUTMSource':
      return sessionField('$entry_utm_source', ANY);
    case 'InitialUTMMedium':
      return sessionField('$entry_utm_medium', ANY);
    case 'InitialUTMCampaign':
      return sessionField('$entry_utm_campaign', ANY);
    case 'InitialUTMTerm':
      return sessionField('$entry_utm_term', ANY);
    case 'InitialUTMContent':
      return sessionField('$entry_utm_content', ANY);
    case 'InitialUTMSourceMediumCampaign':
      return { level: 'session', value: sourceMediumCampaign(), keep: KNOWN };
    case 'Browser':
      return sessionField('$browser');
    case 'OS':
      return sessionField('$os');
    case 'DeviceType':
      return sessionField('$device_type');
    case 'Country':
      return sessionField('$geoip_country_code');
    case 'Region':
      return {
        level: 'session',
        value: hCall('tuple', session('$geoip_country_code'), session('$geoip_subdivision_1_code'), session('$geoip_subdivision_1_name')),
        keep: notNull(nth(2)),
      };
    case 'City':
      return { level: 'session', value: hCall('tuple', session('$geoip_country_code'), session('$geoip_city_name')), keep: notNull(nth(2)) };
    case 'Viewport':
      return {
        level: 'session',
        value: hCall('tuple', session('$viewport_width'), session('$viewport_height')),
        keep: hAnd([notNull(nth(1)), notNull(nth(2)), hCompare('!=', nth(1), hConstant(0)), hCompare('!=', nth(2), hConstant(0))]),
      };
    case 'Timezone':
      // posthog-js sends the IANA name as `$timezone`; PostHog groups by the UTC offset instead.
      return sessionField('$timezone');
    case 'Language':
      return sessionField('$browser_language');
  }
}

/**
 * The page a view came from: the previous view's path inside a single-page app, the referrer's path when it is the
 * same site, else the referrer itself (an arrival from elsewhere).
 */
function previousPage(rules: readonly PathCleaningRule[]): HExpr {
  const referrer = event('$referrer');
  return hCall(
    'multiIf',
    notNull(event('$prev_pageview_pathname')),
    cleanPath(event('$prev_pageview_pathname'), rules),
    hCompare('==', hCall('domain', event('$current_url')), hCall('domain', referrer)),
    cleanPath(hCall('path', referrer), rules),
    referrer,
  );
}

/** `source / medium / campaign`, the source falling back to `referrer:<domain>` (PostHog's combined UTM row). */
function sourceMediumCampaign(): HExpr {
  const source = session('$entry_utm_source');
  const domain = session('$entry_referring_domain');
  const orNone = (expr: HExpr) => hCall('coalesce', expr, hConstant(NONE));
  return hCall(
    'concatWithSeparator',
    hConstant(' / '),
    hCall('if', notNull(source), source, hCall('if', notNull(domain), hCall('concat', hConstant(REFERRER_PREFIX), domain), hConstant(NONE))),
    orNone(session('$entry_utm_medium')),
    orNone(session('$entry_utm_campaign')),
  );
}

/** True for a breakdown name Warren answers. @example isWebStatsBreakdown('Country') // => true */
export function isWebStatsBreakdown(value: unknown): value is WebStatsBreakdown {
  return typeof value === 'string' && (WEB_STATS_BREAKDOWNS as readonly string[]).includes(value);
}
