import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TEST_PROJECT_TOKEN, type WarrenProcess } from './spawn-warren.js';

/** The desktop Chrome the web analytics tests' visitors use unless a visit says otherwise. */
export const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** One visit to https://shop.example: its pageviews, in one session, the landing one carrying the attribution. */
export interface WebVisit {
  person: string;
  views: { at: Date; path: string }[];
  device: 'Desktop' | 'Mobile';
  /** Set as GeoIP would (loopback has no place). */
  country: string;
  referringDomain?: string;
  utm?: Record<string, string>;
  userAgent?: string;
}

/** A posthog-js session id (UUIDv7) begun at `start`, as the sessions model files sessions by their id's time. */
export function sessionIdAt(start: Date): string {
  const time = start.getTime().toString(16).padStart(12, '0');
  const random = randomUUID().replace(/-/g, '');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(0, 3)}-8${random.slice(4, 7)}-${random.slice(8, 20)}`;
}

/** The $pageview events of one visit with the properties posthog-js sends. */
export function visitPageviews(visit: WebVisit) {
  const session = sessionIdAt(visit.views[0]!.at);
  return visit.views.map((view, i) => ({
    event: '$pageview',
    distinct_id: visit.person,
    timestamp: view.at.toISOString(),
    properties: {
      $lib: 'web',
      $session_id: session,
      $current_url: `https://shop.example${view.path}`,
      $host: 'shop.example',
      $pathname: view.path,
      $referrer: i === 0 && visit.referringDomain ? `https://${visit.referringDomain}/` : '$direct',
      $referring_domain: i === 0 && visit.referringDomain ? visit.referringDomain : '$direct',
      ...(i === 0 ? visit.utm : {}),
      $device_type: visit.device,
      $browser: visit.device === 'Mobile' ? 'Mobile Safari' : 'Chrome',
      $os: visit.device === 'Mobile' ? 'iOS' : 'Mac OS X',
      $raw_user_agent: visit.userAgent ?? CHROME_MAC,
      $geoip_country_code: visit.country,
    },
  }));
}

/** Sends the visits' pageviews to project 1 in one /batch/ request; returns how many events it sent. */
export async function sendVisits(warren: WarrenProcess, visits: WebVisit[]): Promise<number> {
  const batch = visits.flatMap(visitPageviews);
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': CHROME_MAC },
    body: JSON.stringify({ api_key: TEST_PROJECT_TOKEN, batch }),
  });
  assert.equal(res.status, 200);
  return batch.length;
}
