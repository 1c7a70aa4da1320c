/**
 * Request bodies for the ingest benchmark: posthog-node-shaped `/batch/` bodies (gzip) and posthog-js-shaped single
 * events (plain JSON), built from a seeded generator so every run sends the same bytes. Events carry no `uuid`: the
 * server mints one per event, so repeated bodies from the rotating pool are never deduplicated away.
 */
import { gzipSync } from 'node:zlib';
import { mulberry32, pick, type Rng } from '../shared/seeded-random.js';

export type ScenarioName = 'batch-100' | 'batch-10' | 'single';

export interface Scenario {
  name: ScenarioName;
  path: string;
  eventsPerRequest: number;
  /** Distinct bodies in the rotating pool. */
  poolSize: number;
  /** One line for the report. */
  description: string;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'batch-100', path: '/batch/', eventsPerRequest: 100, poolSize: 64, description: 'posthog-node /batch/, gzip, 100 events' },
  { name: 'batch-10', path: '/batch/', eventsPerRequest: 10, poolSize: 400, description: 'posthog-node /batch/, gzip, 10 events' },
  { name: 'single', path: '/i/v0/e/', eventsPerRequest: 1, poolSize: 2000, description: 'posthog-js /i/v0/e/, plain JSON, 1 event' },
];

export interface PreparedRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** How many different people the generated events belong to (each one becomes a person in Warren). */
const DISTINCT_USERS = 5000;

const SERVER_EVENTS = ['order_completed', 'subscription_renewed', 'api_call', 'invoice_paid', 'report_exported', 'file_uploaded', 'user_invited'];
const PLANS = ['free', 'starter', 'growth', 'enterprise'];
const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-1'];
const CURRENCIES = ['USD', 'EUR', 'GBP'];
const BROWSER_EVENTS = ['$pageview', '$autocapture', '$pageleave', 'signup_clicked'];
const PAGES = ['/', '/pricing', '/docs/getting-started', '/blog/launch-week', '/app/dashboard', '/app/settings/billing'];
const BROWSERS: [string, string, number][] = [
  ['Chrome', 'Windows', 131],
  ['Safari', 'Mac OS X', 18],
  ['Firefox', 'Linux', 133],
  ['Mobile Safari', 'iOS', 18],
];

/** Builds `scenario.poolSize` different requests for `scenario`, authenticated with `token`. */
export function buildRequestPool(scenario: Scenario, token: string, seed = 1): PreparedRequest[] {
  const rng = mulberry32(seed);
  const now = Date.now();
  const pool: PreparedRequest[] = [];
  for (let i = 0; i < scenario.poolSize; i++) {
    pool.push(scenario.name === 'single' ? singleEventRequest(scenario.path, rng, token, now) : batchRequest(scenario, rng, token, now));
  }
  return pool;
}

function batchRequest(scenario: Scenario, rng: Rng, token: string, now: number): PreparedRequest {
  const batch = [];
  for (let i = 0; i < scenario.eventsPerRequest; i++) batch.push(serverEvent(rng, now - scenario.eventsPerRequest + i));
  const json = JSON.stringify({ api_key: token, batch, sent_at: new Date(now).toISOString() });
  return {
    method: 'POST',
    path: scenario.path,
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'user-agent': 'posthog-node/5.70.0' },
    body: gzipSync(json),
  };
}

/** A posthog-node capture: 13 properties, a person from a population of DISTINCT_USERS. */
function serverEvent(rng: Rng, atMs: number): Record<string, unknown> {
  const plan = pick(rng, PLANS);
  return {
    event: pick(rng, SERVER_EVENTS),
    distinct_id: `user-${Math.floor(rng() * DISTINCT_USERS)}`,
    properties: {
      plan,
      region: pick(rng, REGIONS),
      amount: Math.round(rng() * 50_000) / 100,
      currency: pick(rng, CURRENCIES),
      item_count: 1 + Math.floor(rng() * 12),
      is_trial: plan === 'free' ? rng() < 0.5 : false,
      order_id: `ord_${Math.floor(rng() * 1e9).toString(36)}`,
      duration_ms: Math.floor(rng() * 2000),
      source: rng() < 0.7 ? 'api' : 'worker',
      $lib: 'posthog-node',
      $lib_version: '5.70.0',
      $is_server: true,
      $geoip_disable: true,
    },
    timestamp: new Date(atMs).toISOString(),
  };
}

function singleEventRequest(path: string, rng: Rng, token: string, now: number): PreparedRequest {
  return {
    method: 'POST',
    path,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    },
    body: Buffer.from(JSON.stringify(browserEvent(rng, token, now))),
  };
}

/** A posthog-js capture: token and distinct id inside properties, 16 properties in all. */
function browserEvent(rng: Rng, token: string, now: number): Record<string, unknown> {
  const [browser, os, version] = pick(rng, BROWSERS);
  const pathname = pick(rng, PAGES);
  const deviceId = `0193${hex(rng, 4)}-${hex(rng, 4)}-7${hex(rng, 3)}-8${hex(rng, 3)}-${hex(rng, 12)}`;
  return {
    event: pick(rng, BROWSER_EVENTS),
    properties: {
      token,
      distinct_id: rng() < 0.3 ? `user-${Math.floor(rng() * DISTINCT_USERS)}` : deviceId,
      $device_id: deviceId,
      $os: os,
      $browser: browser,
      $browser_version: version,
      $device_type: os === 'iOS' ? 'Mobile' : 'Desktop',
      $current_url: `https://example.com${pathname}`,
      $host: 'example.com',
      $pathname: pathname,
      $referrer: rng() < 0.5 ? '$direct' : 'https://www.google.com/',
      $screen_width: 1280 + Math.floor(rng() * 4) * 320,
      $lib: 'web',
      $lib_version: '1.449.2',
      $session_id: `0193${hex(rng, 4)}-${hex(rng, 4)}-7${hex(rng, 3)}-9${hex(rng, 3)}-${hex(rng, 12)}`,
      $insert_id: hex(rng, 16),
    },
    timestamp: new Date(now).toISOString(),
  };
}

function hex(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(rng() * 16).toString(16);
  return out;
}
