/** Browser / OS / device properties derived from a user agent, for clients that do not send them themselves. */
import { isbot } from 'isbot';
import { LRUCache } from 'lru-cache';
import UAParser from 'ua-parser-js';
import type { JsonObject } from './types.js';

/** What a user agent says, in PostHog's vocabulary (the values posthog-js itself sends). */
export interface UserAgentDetails {
  browser: string | undefined;
  browserVersion: number | undefined;
  os: string | undefined;
  osVersion: string | undefined;
  deviceType: 'Desktop' | 'Mobile' | 'Tablet';
}

/** Server SDKs: their user agent is the SDK itself, and their events describe some other machine. */
const SERVER_LIBS: ReadonlySet<string> = new Set([
  'posthog-node',
  'posthog-python',
  'posthog-ruby',
  'posthog-go',
  'posthog-php',
  'posthog-java',
  'posthog-dotnet',
  'posthog-elixir',
  'posthog-rs',
]);
const BROWSER_NAMES: Readonly<Record<string, string>> = {
  Edge: 'Microsoft Edge',
  IE: 'Internet Explorer',
  'Chrome Headless': 'Chrome',
  'Mobile Chrome': 'Chrome',
  'Mobile Firefox': 'Firefox',
};
const OS_NAMES: Readonly<Record<string, string>> = { 'Mac OS': 'Mac OS X', 'Chromium OS': 'Chrome OS' };
/** ua-parser-js v1 reads only the first 500 characters, so that prefix is the cache key. */
const UA_SIGNIFICANT_CHARS = 500;
const CACHE_ENTRIES = 1000;

/** What the cache holds for an agent that names neither a browser nor an OS (the cache takes no null). */
const NOTHING_SAID = false;
/** Parses of the agents seen lately: parsing costs ~25 µs, while a site's visitors share a few hundred user agents. */
const cache = new LRUCache<string, UserAgentDetails | typeof NOTHING_SAID>({ max: CACHE_ENTRIES });
/** isbot's verdicts by user agent: its pattern costs ~7 µs a test, and posthog-js sends the agent with every event. */
const botVerdicts = new LRUCache<string, boolean>({ max: CACHE_ENTRIES });
/** Longer agents are judged afresh rather than kept as cache keys (real browsers' are far shorter). */
const BOT_CACHEABLE_CHARS = 1000;

/**
 * Parses a user agent (cached). Null when it names neither a browser nor an OS (curl, SDKs, bots), so that nothing
 * is invented for it.
 * @example parseUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) ... Mobile/15E148 Safari/604.1')
 * // {browser:'Mobile Safari', browserVersion:17.4, os:'iOS', osVersion:'17.4', deviceType:'Mobile'}
 */
export function parseUserAgent(userAgent: string): UserAgentDetails | null {
  const key = userAgent.length > UA_SIGNIFICANT_CHARS ? userAgent.slice(0, UA_SIGNIFICANT_CHARS) : userAgent;
  const cached = cache.get(key);
  if (cached !== undefined) return cached === NOTHING_SAID ? null : cached;
  const details = describe(new UAParser(key).getResult());
  cache.set(key, details ?? NOTHING_SAID);
  return details;
}

function describe(result: UAParser.IResult): UserAgentDetails | null {
  const browserName = result.browser.name;
  const osName = result.os.name;
  if (!browserName && !osName) return null;
  const version = result.browser.version ? parseFloat(result.browser.version) : NaN;
  return Object.freeze({
    browser: browserName ? (BROWSER_NAMES[browserName] ?? browserName) : undefined,
    browserVersion: Number.isFinite(version) ? version : undefined,
    os: osName ? (OS_NAMES[osName] ?? osName) : undefined,
    osVersion: result.os.version || undefined,
    deviceType: deviceType(result.device.type),
  });
}

/** ua-parser's device types folded into PostHog's three; no type means a desktop browser. */
function deviceType(type: string | undefined): UserAgentDetails['deviceType'] {
  if (type === 'mobile' || type === 'wearable') return 'Mobile';
  if (type === 'tablet') return 'Tablet';
  return 'Desktop';
}

/**
 * Fills `$browser`, `$browser_version`, `$os`, `$os_version` and `$device_type` that the event lacks, from
 * `properties.$raw_user_agent` or the request's User-Agent. Server SDK events (`$lib` of a server SDK, or
 * `$is_server: true`) and events that already carry all three of `$browser`, `$os`, `$device_type` are left alone;
 * values the client sent are never overwritten.
 * @example enrichFromUserAgent(props, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0')
 * // props.$browser === 'Firefox', props.$os === 'Windows', props.$device_type === 'Desktop'
 */
export function enrichFromUserAgent(properties: JsonObject, requestUserAgent: string | undefined): void {
  if (properties.$browser !== undefined && properties.$os !== undefined && properties.$device_type !== undefined) return;
  if (properties.$is_server === true) return;
  if (typeof properties.$lib === 'string' && SERVER_LIBS.has(properties.$lib)) return;
  const raw = properties.$raw_user_agent;
  const userAgent = typeof raw === 'string' && raw !== '' ? raw : requestUserAgent;
  if (userAgent === undefined || userAgent === '') return;
  const details = parseUserAgent(userAgent);
  if (details === null) return;
  setIfAbsent(properties, '$browser', details.browser);
  setIfAbsent(properties, '$browser_version', details.browserVersion);
  setIfAbsent(properties, '$os', details.os);
  setIfAbsent(properties, '$os_version', details.osVersion);
  setIfAbsent(properties, '$device_type', details.deviceType);
}

/**
 * Marks page events from crawlers and other bots (`$is_bot: true`, recognised by the maintained `isbot` list) so web
 * analytics can leave them out; other events get no flag. Only a browser's user agent is judged: posthog-js's
 * `$raw_user_agent`, or the request's User-Agent for events from posthog-js (`$lib: web`). Server SDKs and scripts
 * send their own agent (posthog-node, python-requests, curl…), which says nothing about a visitor.
 * @example markBot({ $raw_user_agent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }, undefined) // sets $is_bot
 */
export function markBot(properties: JsonObject, requestUserAgent: string | undefined): void {
  if (properties.$is_bot !== undefined) return;
  const raw = properties.$raw_user_agent;
  const userAgent = typeof raw === 'string' && raw !== '' ? raw : properties.$lib === 'web' ? requestUserAgent : undefined;
  if (userAgent && isBotAgent(userAgent)) properties.$is_bot = true;
}

function isBotAgent(userAgent: string): boolean {
  if (userAgent.length > BOT_CACHEABLE_CHARS) return isbot(userAgent);
  let verdict = botVerdicts.get(userAgent);
  if (verdict === undefined) botVerdicts.set(userAgent, (verdict = isbot(userAgent)));
  return verdict;
}

function setIfAbsent(properties: JsonObject, key: string, value: string | number | undefined): void {
  if (value !== undefined && properties[key] === undefined) properties[key] = value;
}
