/**
 * Cookieless visitors (PostHog's "cookieless server hash mode", stateless). posthog-js with `cookieless_mode`
 * "always" (or "on_reject" once consent was refused) stores nothing in the browser: every event says
 * `$cookieless_mode: true`, its distinct id is the placeholder `$posthog_cookieless`, and it has no session id. The
 * server names the visitor instead: a keyed hash of the project, the client's IP, the site's root domain and the
 * user agent under a secret salt of the event's calendar day. The salt changes every day and is deleted once no
 * event can belong to its day any more (cookieless-salts.ts), after which nobody, Warren included, can tell which
 * IP and browser a hash came from. The IP and the raw user agent are dropped from the event.
 *
 * Stateless, as PostHog's stateless mode: one session per visitor and day, and no `$identify` / alias (a merge
 * would tie a person to a hash meant to be forgotten), so those events are refused.
 *
 * Consent given later links the two: posthog-js with `cookieless_mode: "on_reject"`, once the visitor opts in,
 * starts over with a new random id and sends `$opt_in` under it — normal events from then on, nothing in them
 * naming the cookieless visitor (the browser never knew the hash). The server can name it: the same project, IP,
 * site and user agent under the same day's salt give the same hash. So a `$opt_in` gets `$cookieless_distinct_id`,
 * the id the visitor had today while cookieless, and the identity step links it to the new id as an anonymous
 * alias (linkConsentedVisitor). PostHog links a cookieless visitor only through `$identify` in its stateful mode;
 * the opt-in is the moment the visitor allowed being remembered, which is what makes tying the two fair.
 */
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import type { JsonObject } from './types.js';

export const COOKIELESS_PLACEHOLDER_ID = '$posthog_cookieless';
const FLAG = '$cookieless_mode';
/** What a site may add to the hash (a hashed account number, say); PostHog reads its first 100 characters. */
const EXTRA = '$cookieless_extra';
const EXTRA_MAX_CHARS = 100;
const HASH_BYTES = 16;
const MERGE_EVENTS: ReadonlySet<string> = new Set(['$identify', '$create_alias', '$merge_dangerously']);
/** posthog-js's default opt-in event (`opt_in_capturing()`; a site may name it otherwise or send none). */
const CONSENT_EVENT = '$opt_in';
/** On a `$opt_in`: the cookieless id the visitor had that day, set by the server only. */
export const CONSENT_LINK_PROPERTY = '$cookieless_distinct_id';

/** Salts by calendar day (`YYYY-MM-DD`): 16 random bytes each, base64. */
export type DaySalts = Readonly<Record<string, string>>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Time zones run from UTC−12 to UTC+14: a day begins somewhere 14 h before it does in UTC and ends 12 h after. */
const EARLIEST_OFFSET_MS = 14 * HOUR_MS;
const LATEST_OFFSET_MS = 12 * HOUR_MS;
/** Events reach the server a little late (posthog-js batches, retries, offline queues). */
const INGESTION_LAG_MS = 2 * HOUR_MS;

export interface CookielessInput {
  teamId: number;
  /** The client's address as the connection gave it, even when the project does not store IPs. */
  connectionIp: string;
  /** The request's User-Agent, used when the event has no `$raw_user_agent`. */
  requestUserAgent: string | undefined;
  salts: DaySalts;
  /** The event's time, ms. */
  timestampMs: number;
}

export type CookielessOutcome =
  | { ok: true; distinctId: string }
  | { ok: false; reason: 'cookieless_unsupported_event' | 'cookieless_missing_input' | 'cookieless_day_unavailable'; details: JsonObject };

/** True for an event posthog-js sent in cookieless mode. */
export function isCookieless(properties: JsonObject): boolean {
  return properties[FLAG] === true;
}

/**
 * Names a cookieless event's visitor: replaces the placeholder distinct id with `cookieless_<hash>`, sets
 * `$device_id` and the visitor's session of the day, and removes the IP, the raw user agent and the hash extra from
 * the properties (the parsed browser, OS and device stay). Takes ownership of `properties`. Refuses merge events, an
 * event without an IP, user agent or `$host`, and one whose day has no salt (too old, or in the future).
 * @example applyCookieless('$pageview', props, '$posthog_cookieless', input) // { ok: true, distinctId: 'cookieless_Jx…' }
 */
export function applyCookieless(event: string, properties: JsonObject, distinctId: string, input: CookielessInput): CookielessOutcome {
  if (MERGE_EVENTS.has(event)) return { ok: false, reason: 'cookieless_unsupported_event', details: { event } };
  const hashed = hashOfEvent(properties, input);
  if (!hashed.ok) return hashed;
  const { hash, day } = hashed;
  stripIdentifying(properties);
  properties.$device_id = `cookielessd_${base64(hash)}`;
  properties.$session_id = dailySessionId(day, hash);
  return { ok: true, distinctId: distinctId === COOKIELESS_PLACEHOLDER_ID ? `cookieless_${base64(hash)}` : distinctId };
}

/**
 * For an event that is not cookieless: on a `$opt_in`, sets `$cookieless_distinct_id` to the id the same visitor
 * (project, IP, site, user agent, day) had while cookieless, for the identity step to link to the event's new id.
 * Any such property the client sent is removed first, from every event: only the server names an id to link.
 * Nothing is set when the hash cannot be made (no user agent, IP or `$host`, no salt for the day); the event is
 * kept either way.
 * @example linkConsentedVisitor('$opt_in', props, input) // props.$cookieless_distinct_id === 'cookieless_Jx…'
 */
export function linkConsentedVisitor(event: string, properties: JsonObject, input: CookielessInput): void {
  // Checked first: this runs for every ordinary event, and a delete can cost an object its fast shape.
  if (CONSENT_LINK_PROPERTY in properties) delete properties[CONSENT_LINK_PROPERTY];
  if (event !== CONSENT_EVENT) return;
  const hashed = hashOfEvent(properties, input);
  if (hashed.ok) properties[CONSENT_LINK_PROPERTY] = `cookieless_${base64(hashed.hash)}`;
}

type HashOutcome = { ok: true; hash: Buffer; day: string } | Extract<CookielessOutcome, { ok: false }>;

/** The visitor hash of an event's day, from the event's user agent, `$host`, time zone and hash extra. */
function hashOfEvent(properties: JsonObject, input: CookielessInput): HashOutcome {
  const raw = properties.$raw_user_agent;
  const userAgent = typeof raw === 'string' && raw !== '' ? raw : input.requestUserAgent;
  const host = typeof properties.$host === 'string' ? properties.$host : '';
  if (!userAgent || !input.connectionIp || !host) {
    return { ok: false, reason: 'cookieless_missing_input', details: { missing: !userAgent ? 'user agent' : !input.connectionIp ? 'ip' : '$host' } };
  }
  const day = calendarDay(input.timestampMs, properties.$timezone);
  const salt = input.salts[day];
  if (salt === undefined) return { ok: false, reason: 'cookieless_day_unavailable', details: { day } };
  const extra = typeof properties[EXTRA] === 'string' ? (properties[EXTRA] as string) : '';
  return { ok: true, day, hash: visitorHash(Buffer.from(salt, 'base64'), { teamId: input.teamId, ip: input.connectionIp, host, userAgent, extra }) };
}

/**
 * The visitor hash: HMAC-SHA256 under the day's salt of `team-ip-rootdomain-useragent-0-extra`, cut to 16 bytes
 * (PostHog's input string; it uses SipHash, Node ships HMAC). The `0` is PostHog's identify count, always 0 here.
 * @example visitorHash(salt, { teamId: 1, ip: '1.2.3.4', host: 'shop.example.com', userAgent: 'Mozilla/5.0 …', extra: '' }).length // 16
 */
export function visitorHash(salt: Buffer, parts: { teamId: number; ip: string; host: string; userAgent: string; extra: string }): Buffer {
  const input = `${parts.teamId}-${parts.ip}-${rootDomain(parts.host)}-${parts.userAgent}-0-${parts.extra.slice(0, EXTRA_MAX_CHARS)}`;
  return createHmac('sha256', salt).update(input).digest().subarray(0, HASH_BYTES);
}

/**
 * The calendar day of an instant in the event's IANA time zone (posthog-js sends `$timezone`), else UTC.
 * @example calendarDay(Date.parse('2024-06-29T23:30:00Z'), 'Europe/Berlin') // '2024-06-30'
 */
export function calendarDay(timestampMs: number, timeZone: unknown): string {
  const zone = typeof timeZone === 'string' && timeZone !== '' ? timeZone : 'UTC';
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(timestampMs);
  } catch {
    return new Date(timestampMs).toISOString().slice(0, 10);
  }
}

/**
 * The calendar days an event arriving now can belong to: those it is somewhere on Earth (UTC−12 to UTC+14), or was
 * until a short ingestion lag ago. Two or three days; a salt is kept exactly as long as its day is in this list.
 * @example daysInUse(Date.parse('2024-06-29T12:00:00Z')) // ['2024-06-28', '2024-06-29', '2024-06-30']
 */
export function daysInUse(nowMs: number): string[] {
  const days: string[] = [];
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  for (let start = today - 2 * DAY_MS; start <= today + 2 * DAY_MS; start += DAY_MS) {
    if (nowMs >= start - EARLIEST_OFFSET_MS && nowMs < start + DAY_MS + LATEST_OFFSET_MS + INGESTION_LAG_MS) {
      days.push(new Date(start).toISOString().slice(0, 10));
    }
  }
  return days;
}

/**
 * A session id for the visitor's day: a UUIDv7 whose time is the day's start (UTC midnight of the calendar date, so
 * the sessions model files it under that day) and whose random bits come from the hash, so every event of the
 * visitor that day carries the same one without the server keeping any state.
 * @example dailySessionId('2024-06-29', hash) // '019062ab-4c00-7…'
 */
export function dailySessionId(day: string, hash: Buffer): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Date.parse(`${day}T00:00:00Z`), 0, 6);
  hash.copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Common second-level labels under country codes (`shop.example.co.uk` → `example.co.uk`). */
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ne', 'or', 'go', 'gob', 'nic']);

/**
 * The site a host belongs to, so that visits to `www.` and `shop.` of one domain count as one visitor: the last two
 * labels (three under a country code's `co.`, `com.`, …), with the port kept; IPs and one-label hosts as they are.
 * An approximation of the public suffix list, which ships in no package Warren has.
 * @example rootDomain('Shop.Example.co.uk:8443') // 'example.co.uk:8443'
 */
export function rootDomain(host: string): string {
  const text = host.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split('/')[0];
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return text;
  if (isIP(text)) return text;
  const [name, port] = text.split(':');
  if (isIP(name)) return text;
  const labels = name.split('.').filter((l) => l !== '');
  const keep = labels.length >= 3 && labels[labels.length - 1].length === 2 && SECOND_LEVEL.has(labels[labels.length - 2]) ? 3 : 2;
  const domain = labels.slice(-keep).join('.');
  return port ? `${domain}:${port}` : domain;
}

/** What tied the event to a device or network: never stored for a cookieless event. */
function stripIdentifying(properties: JsonObject): void {
  delete properties.$ip;
  delete properties.$raw_user_agent;
  delete properties[EXTRA];
  const set = properties.$set;
  if (set && typeof set === 'object' && !Array.isArray(set)) delete (set as JsonObject).$raw_user_agent;
  const once = properties.$set_once;
  if (once && typeof once === 'object' && !Array.isArray(once)) delete (once as JsonObject).$initial_raw_user_agent;
}

function base64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
