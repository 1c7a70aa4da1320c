import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyCookieless, CONSENT_LINK_PROPERTY, COOKIELESS_PLACEHOLDER_ID, linkConsentedVisitor, type CookielessInput } from './cookieless.js';
import { toIngestEntry } from './ingest-record.js';
import { DEFAULT_INGEST_LIMITS } from './limits.js';
import { normalizeEvent } from './normalize-event.js';
import type { JsonObject } from './types.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SALTS = { '2024-06-29': Buffer.alloc(16, 2).toString('base64') };
const NOON = Date.parse('2024-06-29T12:00:00Z');
const NEW_ID = '01906262-4c00-7000-8000-000000000001';

function input(overrides: Partial<CookielessInput> = {}): CookielessInput {
  return { teamId: 1, connectionIp: '81.2.69.160', requestUserAgent: undefined, salts: SALTS, timestampMs: NOON, ...overrides };
}

/** What posthog-js sends: the same page properties with or without `$cookieless_mode`. */
function props(extra: JsonObject = {}): JsonObject {
  return { $raw_user_agent: CHROME, $host: 'shop.example.com', $current_url: 'https://shop.example.com/', $timezone: 'UTC', ...extra };
}

/** The id a cookieless event of this visitor got. */
function cookielessId(overrides: Partial<CookielessInput> = {}, extra: JsonObject = {}): string {
  const outcome = applyCookieless('$pageview', props({ $cookieless_mode: true, ...extra }), COOKIELESS_PLACEHOLDER_ID, input(overrides));
  assert.ok(outcome.ok);
  return outcome.distinctId;
}

function link(event: string, properties: JsonObject, overrides: Partial<CookielessInput> = {}): unknown {
  linkConsentedVisitor(event, properties, input(overrides));
  return properties[CONSENT_LINK_PROPERTY];
}

test("an opt-in names the id the same visitor had that day while cookieless, later in the day too", () => {
  assert.equal(link('$opt_in', props()), cookielessId());
  assert.equal(link('$opt_in', props({ $host: 'www.example.com' }), { timestampMs: NOON + 3_600_000 }), cookielessId(), 'another page of the site, an hour on');
  assert.equal(link('$opt_in', props({ $cookieless_extra: 'acct-7' })), cookielessId({}, { $cookieless_extra: 'acct-7' }), 'the hash extra counts as it did');
  assert.notEqual(link('$opt_in', props(), { connectionIp: '8.8.8.8' }), cookielessId(), 'another address is another visitor');
  const noAgent = props();
  delete noAgent.$raw_user_agent;
  assert.equal(link('$opt_in', noAgent, { requestUserAgent: CHROME }), cookielessId(), 'the request user agent stands in, as for cookieless events');
});

test('nothing is linked without what the hash needs, and only the server names an id to link', () => {
  const noHost = props();
  delete noHost.$host;
  assert.equal(link('$opt_in', noHost), undefined);
  assert.equal(link('$opt_in', props(), { salts: {} }), undefined, "the day's salt is gone: nobody can be named");
  assert.equal(link('$opt_in', props(), { connectionIp: '' }), undefined);
  assert.equal(link('$pageview', props()), undefined, 'only the opt-in links');
  // A client sending the property (to merge itself into someone) loses it, on any event.
  assert.equal(link('$pageview', props({ [CONSENT_LINK_PROPERTY]: 'cookieless_someone' })), undefined);
  assert.equal(link('$opt_in', props({ [CONSENT_LINK_PROPERTY]: 'cookieless_someone' }), { salts: {} }), undefined);
  assert.equal(link('$opt_in', props({ [CONSENT_LINK_PROPERTY]: 'cookieless_someone' })), cookielessId());
});

test('through normalization, the opt-in keeps its new id and carries a link the identity step applies without identifying anyone', () => {
  const now = new Date(NOON);
  const ctx = { teamId: 1, now, sentAt: null, ip: '81.2.69.160', userAgent: CHROME, cookielessSalts: SALTS };
  const earlier = normalizeEvent({ event: '$pageview', distinct_id: COOKIELESS_PLACEHOLDER_ID, properties: props({ $cookieless_mode: true }), timestamp: now.toISOString() } as JsonObject, ctx, DEFAULT_INGEST_LIMITS);
  const optIn = normalizeEvent({ event: '$opt_in', distinct_id: NEW_ID, properties: props({ $device_id: NEW_ID }), timestamp: now.toISOString() } as JsonObject, ctx, DEFAULT_INGEST_LIMITS);
  assert.ok(earlier.ok && optIn.ok);
  assert.equal(optIn.event.distinctId, NEW_ID);
  assert.equal(optIn.event.properties.$ip, '81.2.69.160', 'a consented event is an ordinary one');
  const identity = toIngestEntry(optIn.event, optIn.propertiesJson).identity;
  assert.equal(identity.other, earlier.event.distinctId);
  assert.equal(identity.m, undefined, 'consent identifies nobody: a later identify can still merge this person');

  const forged = normalizeEvent({ event: 'purchase', distinct_id: NEW_ID, properties: props({ [CONSENT_LINK_PROPERTY]: 'cookieless_victim' }) } as JsonObject, ctx, DEFAULT_INGEST_LIMITS);
  assert.ok(forged.ok);
  assert.equal(toIngestEntry(forged.event, forged.propertiesJson).identity.other, undefined);
});
