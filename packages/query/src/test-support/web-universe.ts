import type { ActionDefinition } from '../insights/insight-context.js';
import { insightContext } from '../insights/insight-context.js';
import type { Universe } from './insight-universe.js';

/**
 * The web analytics fixture, shared by the web query tests (team 1, UTC, "now" 2024-06-15 12:00). Current period
 * 2024-06-08 … 06-14, previous 2024-06-01 … 06-07. Each figure the tests assert is worked out by hand from this table.
 *
 * Current period
 *   A  alice   session id is a UUIDv7 of 06-10
 *              09:00:00 $pageview /home   google cpc "summer", referrer www.google.com/search?q=shoes, GB England London,
 *                                         Desktop, Chrome, Mac OS X, 1440×900, en-GB, Europe/London
 *              09:00:05 $web_vitals LCP 1000 FCP 400 CLS 0.01
 *              09:00:30 $pageview /pricing (left /home after 30 s, scrolled 0.4)
 *              09:00:35 $web_vitals LCP 2000 FCP 600 INP 120
 *              09:01:00 $pageview /signup  (left /pricing after 30 s, scrolled 0.7)
 *              09:01:05 $web_vitals LCP 3000 FCP 800 CLS 0.2 INP 80
 *              09:01:20 $pageleave /signup (left /signup after 20 s, scrolled 1)
 *              09:01:30 signup_completed on /signup
 *              → 3 views, 90 s, not a bounce; entry /home, exit /signup; Paid Search
 *   B  bob     06-11 10:00:00 $pageview /blog  referrer t.co/xyz, US California San Francisco, Mobile, Mobile Safari, iOS,
 *                                              390×844, en-US, America/Los_Angeles
 *              → 1 view, 0 s, bounce; Organic Social
 *   C  carol   06-12 11:00:00 $pageview /home  referring domain $direct, DE Berlin Berlin, Desktop, Firefox, Windows,
 *                                              1920×1080, de-DE, Europe/Berlin
 *              11:00:02 $web_vitals LCP 4000 FCP 1000 CLS 0.1 INP 300
 *              11:00:07 $pageleave /home (left /home after 7 s, scrolled 0.5), 11:00:10 scrolled
 *              → 1 view, exactly 10 s: not a bounce; Direct
 *   D  dave-anon 06-13 08:00:00 $pageview /home (nothing else known), then as alice 08:00:05 $pageview /pricing (left
 *              /home after 5 s, scrolled 0.9); dave-anon is merged into alice afterwards
 *              → 2 views, 5 s, alice's second session; entry /home, exit /pricing; Unknown channel, no device, no country
 *   E  erin    06-14 20:00:00 $pageview /docs  referrer duckduckgo.com, GB Scotland Edinburgh, Mobile, Chrome, Android,
 *                                              412×915, en-GB, Europe/London
 *              20:00:02 $web_vitals LCP 2500 INP 200, 20:00:03 $autocapture, 20:00:04 signup_completed on /docs
 *              → 1 view, 4 s, not a bounce (autocapture); Organic Search
 *   F  a crawler 06-12 05:00:00 $pageview /home and 05:00:01 $web_vitals LCP 99999, marked $is_bot → left out
 *   —  alice   06-12 12:00:00 $pageview and purchase without a session id (server side) → not sessions, left out
 *   ⇒ visitors 4 (alice, bob, carol, erin), views 8, sessions 5, duration (90+0+10+5+4)/5 = 21.8 s, bounce 1/5 = 20 %
 * Previous period
 *   G  gina    06-07 23:59:50 $pageview /home (US, Desktop), 06-08 00:00:20 $pageview /pricing (left /home after 30 s,
 *              scrolled 0.2)  (UUIDv7 of 06-07)
 *              → begins in the previous period: 1 view there (the other falls after it), 30 s, not a bounce, Unknown
 *                channel; not a session of the current period although its second view is inside it, and counted in
 *                neither period for what happened on 06-08 (an event counts for a period when it and its session's
 *                start both fall inside it)
 *   H  henry   06-03 12:00:00 $pageview /blog (referring domain t.co, GB, Mobile) → 1 view, 0 s, bounce, Organic Social
 *   ⇒ visitors 2, views 2, sessions 2, duration 15 s, bounce 50 %
 * Team 2 has a session on 06-10 that must never count.
 *
 * Actions (the goals): 1 "Signed up" = signup_completed; 2 "Viewed pricing" = $pageview whose URL contains /pricing;
 * 3 "Purchased" = purchase (only ever sent without a session).
 */
export const WEB_CURRENT = { date_from: '2024-06-08', date_to: '2024-06-14' };
export const WEB_PREVIOUS = { date_from: '2024-06-01', date_to: '2024-06-07' };

export const WEB_ACTIONS: ReadonlyMap<number, ActionDefinition> = new Map([
  [1, { id: 1, name: 'Signed up', steps: [{ event: 'signup_completed' }] }],
  [2, { id: 2, name: 'Viewed pricing', steps: [{ event: '$pageview', url: '/pricing', url_matching: 'contains' }] }],
  [3, { id: 3, name: 'Purchased', steps: [{ event: 'purchase' }] }],
]);

/** The context the fixture's figures are worked out for. */
export const webContext = (teamId = 1) => insightContext({ teamId, now: new Date('2024-06-15T12:00:00Z'), actions: WEB_ACTIONS });

/** A UUIDv7 text made at `iso` (only its time prefix matters here). */
export function v7(iso: string, tail: string): string {
  const hex = new Date(iso).getTime().toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-${tail.padStart(12, '0')}`;
}

/** A view's URL properties on the fixture's site. */
export const page = (path: string, extra: Record<string, unknown> = {}) => ({ $current_url: `https://shop.test${path}`, $pathname: path, ...extra });

/** What posthog-js says about the page left: its path, seconds on it and the deepest scroll (0–1). */
const left = (path: string, seconds: number, scroll: number) => ({
  $prev_pageview_pathname: path,
  $prev_pageview_duration: seconds,
  $prev_pageview_max_scroll_percentage: scroll,
});

const vitals = (values: Partial<Record<'LCP' | 'INP' | 'CLS' | 'FCP', number>>, extra: Record<string, unknown> = {}) => ({
  ...Object.fromEntries(Object.entries(values).map(([metric, value]) => [`$web_vitals_${metric}_value`, value])),
  ...extra,
});

/** Declares the fixture's people and events (call `flush()` afterwards). */
export function seedWebUniverse(u: Universe): void {
  for (const name of ['alice', 'bob', 'carol', 'erin', 'gina', 'henry']) u.person(name);
  const GB = { $geoip_country_code: 'GB' };

  const A = v7('2024-06-10T09:00:00Z', 'a');
  u.event('alice', '$pageview', '2024-06-10T09:00:00Z', page('/home', {
    utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'summer', $referrer: 'https://www.google.com/search?q=shoes',
    $referring_domain: 'www.google.com', ...GB, $geoip_subdivision_1_code: 'ENG', $geoip_subdivision_1_name: 'England',
    $geoip_city_name: 'London', $device_type: 'Desktop', $browser: 'Chrome', $os: 'Mac OS X', $viewport_width: 1440,
    $viewport_height: 900, $browser_language: 'en-GB', $timezone: 'Europe/London',
  }), { session: A });
  u.event('alice', '$web_vitals', '2024-06-10T09:00:05Z', vitals({ LCP: 1000, FCP: 400, CLS: 0.01 }, { $pathname: '/home' }), { session: A });
  u.event('alice', '$pageview', '2024-06-10T09:00:30Z', page('/pricing', { ...GB, ...left('/home', 30, 0.4) }), { session: A });
  u.event('alice', '$web_vitals', '2024-06-10T09:00:35Z', vitals({ LCP: 2000, FCP: 600, INP: 120 }, { $pathname: '/pricing' }), { session: A });
  u.event('alice', '$pageview', '2024-06-10T09:01:00Z', page('/signup', { ...GB, ...left('/pricing', 30, 0.7) }), { session: A });
  u.event('alice', '$web_vitals', '2024-06-10T09:01:05Z', vitals({ LCP: 3000, FCP: 800, CLS: 0.2, INP: 80 }, { $pathname: '/signup' }), { session: A });
  u.event('alice', '$pageleave', '2024-06-10T09:01:20Z', page('/signup', { ...GB, ...left('/signup', 20, 1) }), { session: A });
  u.event('alice', 'signup_completed', '2024-06-10T09:01:30Z', { ...GB, $pathname: '/signup' }, { session: A });

  u.event('bob', '$pageview', '2024-06-11T10:00:00Z', page('/blog', {
    $referrer: 'https://t.co/xyz', $referring_domain: 't.co', $geoip_country_code: 'US', $geoip_subdivision_1_code: 'CA',
    $geoip_subdivision_1_name: 'California', $geoip_city_name: 'San Francisco', $device_type: 'Mobile',
    $browser: 'Mobile Safari', $os: 'iOS', $viewport_width: 390, $viewport_height: 844, $browser_language: 'en-US',
    $timezone: 'America/Los_Angeles',
  }), { session: 'B' });

  u.event('carol', '$pageview', '2024-06-12T11:00:00Z', page('/home', {
    $referring_domain: '$direct', $geoip_country_code: 'DE', $geoip_subdivision_1_code: 'BE', $geoip_subdivision_1_name: 'Berlin',
    $geoip_city_name: 'Berlin', $device_type: 'Desktop', $browser: 'Firefox', $os: 'Windows', $viewport_width: 1920,
    $viewport_height: 1080, $browser_language: 'de-DE', $timezone: 'Europe/Berlin',
  }), { session: 'C' });
  u.event('carol', '$web_vitals', '2024-06-12T11:00:02Z', vitals({ LCP: 4000, FCP: 1000, CLS: 0.1, INP: 300 }, { $pathname: '/home' }), { session: 'C' });
  u.event('carol', '$pageleave', '2024-06-12T11:00:07Z', page('/home', left('/home', 7, 0.5)), { session: 'C' });
  u.event('carol', 'scrolled', '2024-06-12T11:00:10Z', {}, { session: 'C' });

  u.event('dave-anon', '$pageview', '2024-06-13T08:00:00Z', page('/home'), { session: 'D' });
  u.event('alice', '$pageview', '2024-06-13T08:00:05Z', page('/pricing', left('/home', 5, 0.9)), { session: 'D' });
  u.merge('dave-anon', 'alice');

  u.event('erin', '$pageview', '2024-06-14T20:00:00Z', page('/docs', {
    $referrer: 'https://duckduckgo.com/', $referring_domain: 'duckduckgo.com', ...GB, $geoip_subdivision_1_code: 'SCT',
    $geoip_subdivision_1_name: 'Scotland', $geoip_city_name: 'Edinburgh', $device_type: 'Mobile', $browser: 'Chrome',
    $os: 'Android', $viewport_width: 412, $viewport_height: 915, $browser_language: 'en-GB', $timezone: 'Europe/London',
  }), { session: 'E' });
  u.event('erin', '$web_vitals', '2024-06-14T20:00:02Z', vitals({ LCP: 2500, INP: 200 }, { $pathname: '/docs' }), { session: 'E' });
  u.event('erin', '$autocapture', '2024-06-14T20:00:03Z', GB, { session: 'E' });
  u.event('erin', 'signup_completed', '2024-06-14T20:00:04Z', { ...GB, $pathname: '/docs' }, { session: 'E' });

  u.event('crawler', '$pageview', '2024-06-12T05:00:00Z', page('/home', { $is_bot: true }), { session: 'F' });
  u.event('crawler', '$web_vitals', '2024-06-12T05:00:01Z', vitals({ LCP: 99999 }, { $is_bot: true }), { session: 'F' });
  u.event('alice', '$pageview', '2024-06-12T12:00:00Z', page('/server-side'));
  u.event('alice', 'purchase', '2024-06-12T12:00:01Z', {});

  const G = v7('2024-06-07T23:59:50Z', 'b');
  u.event('gina', '$pageview', '2024-06-07T23:59:50Z', page('/home', { $geoip_country_code: 'US', $device_type: 'Desktop' }), { session: G });
  u.event('gina', '$pageview', '2024-06-08T00:00:20Z', page('/pricing', left('/home', 30, 0.2)), { session: G });
  u.event('henry', '$pageview', '2024-06-03T12:00:00Z', page('/blog', { $referring_domain: 't.co', $geoip_country_code: 'GB', $device_type: 'Mobile' }), { session: 'H' });
  u.event('eve', '$pageview', '2024-06-10T10:00:00Z', page('/'), { session: 'B', team: 2 });
}
