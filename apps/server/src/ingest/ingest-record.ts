import type { WarningRow } from '../identity/identity-output.js';
import { clickhouseTime } from './clickhouse-time.js';
import { CONSENT_LINK_PROPERTY } from './cookieless.js';
import type { NetworkRedaction } from '../replay/settings/replay-settings.js';
import { toRowBlock } from './row-block.js';
import { walHead, walHeader, type WalRecord } from './write-ahead-log.js';
import { snapshotRow } from './snapshot-rows.js';
import type { JsonObject, NormalizedEvent } from './types.js';

/**
 * What the identity step needs of one event: a few fields, present only when the event has them. Everything else
 * about the event travels as its ready-made ClickHouse row, so properties are serialized once, at capture.
 */
export interface IdentityEvent {
  /** project */
  t: number;
  u: string;
  e: string;
  d: string;
  /** event time, ISO */
  ts: string;
  /** `$process_person_profile: false` */
  np?: 1;
  set?: JsonObject;
  once?: JsonObject;
  unset?: string[];
  /** `$identify`, `$create_alias` or `$merge_dangerously`: marks the person identified */
  m?: 1;
  /** `$anon_distinct_id` of `$identify`, `alias` of `$create_alias` / `$merge_dangerously`, the cookieless id a `$opt_in` links */
  other?: unknown;
  groups?: JsonObject;
  /** `$groupidentify`: type, key, properties */
  gi?: { type: unknown; key: unknown; set: unknown };
  /** a session recording snapshot: stored in session_replay_events, no identity work */
  snap?: 1;
}

/** What a record says of its events besides their rows: the identity step's summaries and the warnings raised. */
export interface IngestHeader {
  events: IdentityEvent[];
  warnings: WarningRow[];
}

/**
 * One durable append, as bytes: the head line holding the IngestHeader and one ClickHouse row (JSON text) per event.
 * Made where the request is decoded (often a worker thread); the main thread writes it and buffers it as it is, and
 * reads the header back (ingestHeader) only when the record is flushed.
 */
export type IngestRecord = WalRecord;

/** Example: ingestRecord({events: [identity], warnings: []}, [row]). */
export function ingestRecord(header: IngestHeader, rows: readonly string[]): IngestRecord {
  return { head: walHead(header, rows.length), rows: toRowBlock(rows) };
}

export function ingestHeader(record: IngestRecord): IngestHeader {
  return walHeader<IngestHeader>(record.head);
}

const MERGE_EVENTS = new Set(['$identify', '$create_alias', '$merge_dangerously']);

/**
 * Splits a normalized event into its identity summary and its row text; a snapshot's recorded network requests are
 * redacted by the project's rules. Example: toIngestEntry(e, '{"a":1}').row.
 */
export function toIngestEntry(event: NormalizedEvent, propertiesJson: string, networkRedaction?: NetworkRedaction): { identity: IdentityEvent; row: string } {
  const p = event.properties;
  const identity: IdentityEvent = { t: event.teamId, u: event.uuid, e: event.event, d: event.distinctId, ts: event.timestamp };
  if (event.event === '$snapshot') {
    identity.snap = 1;
    return { identity, row: JSON.stringify(snapshotRow(event, networkRedaction)) };
  }
  if (p.$process_person_profile === false) identity.np = 1;
  if (isObject(p.$set)) identity.set = p.$set;
  if (isObject(p.$set_once)) identity.once = p.$set_once;
  if (Array.isArray(p.$unset) && p.$unset.length > 0) identity.unset = p.$unset.filter((k): k is string => typeof k === 'string');
  if (MERGE_EVENTS.has(event.event)) {
    identity.m = 1;
    const other = event.event === '$identify' ? p.$anon_distinct_id : p.alias;
    if (other !== undefined && other !== null) identity.other = other;
  } else if (typeof p[CONSENT_LINK_PROPERTY] === 'string') {
    // A `$opt_in` after cookieless visits (cookieless.ts): linked without marking anyone identified. The link needs a
    // person to hold both ids even when posthog-js sends person-less events (`identified_only`, its default).
    identity.other = p[CONSENT_LINK_PROPERTY];
    delete identity.np;
  }
  if (isObject(p.$groups)) identity.groups = p.$groups;
  if (event.event === '$groupidentify') identity.gi = { type: p.$group_type, key: p.$group_key, set: p.$group_set };
  return { identity, row: eventRowJson(event, propertiesJson) };
}

/**
 * The events-table row as JSON text, minus person_id and the $group_N columns that identity adds at flush.
 * `properties` is written as a JSON object; the insert reads objects into String columns as their text.
 */
function eventRowJson(e: NormalizedEvent, propertiesJson: string): string {
  return (
    `{"team_id":${e.teamId},"uuid":"${e.uuid}","event":${JSON.stringify(e.event)},"distinct_id":${JSON.stringify(e.distinctId)}` +
    `,"timestamp":"${clickhouseTime(e.timestamp)}","created_at":"${clickhouseTime(e.createdAt)}","properties":${propertiesJson}` +
    `,"elements_chain":${JSON.stringify(e.elementsChain)},"$session_id":${JSON.stringify(e.sessionId)},"$window_id":${JSON.stringify(e.windowId)}}`
  );
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
