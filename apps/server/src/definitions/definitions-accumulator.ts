import type { IdentityEvent } from '../ingest/ingest-record.js';
import { detectPropertyType, type PropertyType } from './property-type.js';
import type { StoredRows } from '../ingest/ingest-pipeline.js';

/** PostHog's parent types of a property definition. */
export const PropertyParent = { event: 1, person: 2, group: 3, session: 4 } as const;
export type PropertyParentType = (typeof PropertyParent)[keyof typeof PropertyParent];

export interface SeenEvent {
  teamId: number;
  name: string;
  count: number;
  /** Stored events per UTC day (`YYYY-MM-DD`) of their timestamp, only days inside the 30-day volume window. */
  days: Map<string, number>;
  /** The day being counted (most events of a batch share one), its count not yet in `days`, and whether it is in the window. */
  day: string;
  dayCount: number;
  dayInWindow: boolean;
  /** Events whose properties were read in this window. */
  sampled: number;
}

export interface SeenProperty {
  teamId: number;
  type: PropertyParentType;
  /** The group type name (`company`) of a group property; resolved to its index when written. */
  groupType: string | null;
  name: string;
  propertyType: PropertyType | null;
}

export interface SeenEventProperty {
  teamId: number;
  event: string;
  property: string;
}

/** What was seen since the last `take()`. */
export interface SeenDefinitions {
  events: SeenEvent[];
  properties: SeenProperty[];
  eventProperties: SeenEventProperty[];
  /** Names left out because the pending maps were full. */
  dropped: number;
}

export interface AccumulatorOptions {
  /** Events of one name (per project) whose properties are read per window; the rest are only counted. */
  samplesPerEvent?: number;
  /** Distinct entries each pending map may hold before new names are dropped. */
  maxPending?: number;
  now?: () => number;
}

/** PostHog skips names that would not fit its 400-character columns with room to spare. */
const MAX_NAME_LENGTH = 200;
/** Event properties that are instructions (person updates, group keys), not properties of the event. */
const SKIPPED_EVENT_PROPERTIES = new Set(['$set', '$set_once', '$unset', '$group_0', '$group_1', '$group_2', '$group_3', '$group_4', '$groups']);
const VOLUME_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Collects event names, counts and property names from stored events, on the flush path: per event one Map update,
 * and for the first few events of each name per window, a read of their properties. Reading every event's
 * properties would cost a JSON parse per event; a property seen on any sampled event of a window is found, and rare
 * ones turn up over later windows.
 * Example: acc.observe(batch.identities, batch.rows); acc.take().events[0].count.
 */
export class DefinitionsAccumulator {
  /** project -> event name -> what was seen (two levels: no key string built per event). */
  private events = new Map<number, Map<string, SeenEvent>>();
  private eventCount = 0;
  private properties = new Map<string, SeenProperty>();
  private eventProperties = new Map<string, SeenEventProperty>();
  private dropped = 0;
  private readonly samplesPerEvent: number;
  private readonly maxPending: number;
  private readonly now: () => number;

  constructor(options: AccumulatorOptions = {}) {
    this.samplesPerEvent = options.samplesPerEvent ?? 8;
    this.maxPending = options.maxPending ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Records stored events; `kept[i] === null` marks an event the identity step discarded (not stored). */
  observe(events: readonly IdentityEvent[], rows: StoredRows, kept?: readonly unknown[]): void {
    const firstDay = new Date(this.now() - (VOLUME_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    let teamId = -1;
    let ofTeam: Map<string, SeenEvent> | undefined;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if ((kept && kept[i] === null) || e.e.length > MAX_NAME_LENGTH) continue;
      if (e.t !== teamId) {
        teamId = e.t;
        ofTeam = this.events.get(teamId);
        if (ofTeam === undefined) this.events.set(teamId, (ofTeam = new Map()));
      }
      let seen = ofTeam!.get(e.e);
      if (seen === undefined) {
        if (this.eventCount >= this.maxPending) {
          this.dropped += 1;
          continue;
        }
        seen = { teamId: e.t, name: e.e, count: 0, days: new Map(), day: '', dayCount: 0, dayInWindow: false, sampled: 0 };
        ofTeam!.set(e.e, seen);
        this.eventCount += 1;
      }
      seen.count += 1;
      if (seen.day !== '' && e.ts.startsWith(seen.day)) seen.dayCount += 1;
      else countDay(seen, e.ts.slice(0, 10), firstDay);
      if (seen.sampled < this.samplesPerEvent) {
        seen.sampled += 1;
        this.sample(e, rows.at(i)!);
      }
    }
  }

  /** Hands over everything seen so far and starts a new window. */
  take(): SeenDefinitions {
    const events = [...this.events.values()].flatMap((ofTeam) => [...ofTeam.values()]);
    for (const seen of events) countDay(seen, '', '');
    const taken: SeenDefinitions = {
      events,
      properties: [...this.properties.values()],
      eventProperties: [...this.eventProperties.values()],
      dropped: this.dropped,
    };
    this.events = new Map();
    this.eventCount = 0;
    this.properties = new Map();
    this.eventProperties = new Map();
    this.dropped = 0;
    return taken;
  }

  private sample(e: IdentityEvent, row: string): void {
    // As PostHog does: a $groupidentify contributes its group's properties only.
    if (e.gi) {
      const groupType = e.gi.type;
      if (typeof groupType === 'string' && groupType !== '' && isObject(e.gi.set)) this.addAll(e.t, PropertyParent.group, groupType, e.gi.set, null);
      return;
    }
    const properties = propertiesOf(row);
    if (properties) this.addAll(e.t, PropertyParent.event, null, properties, e.e);
    if (e.set) this.addAll(e.t, PropertyParent.person, null, e.set, null);
    if (e.once) this.addAll(e.t, PropertyParent.person, null, e.once, null);
  }

  private addAll(teamId: number, type: PropertyParentType, groupType: string | null, values: Record<string, unknown>, event: string | null): void {
    for (const name of Object.keys(values)) {
      if (name.length > MAX_NAME_LENGTH || name === '') continue;
      if (type === PropertyParent.event && SKIPPED_EVENT_PROPERTIES.has(name)) continue;
      this.addProperty(teamId, type, groupType, name, values[name]);
      if (event !== null) this.addEventProperty(teamId, event, name);
    }
  }

  private addProperty(teamId: number, type: PropertyParentType, groupType: string | null, name: string, value: unknown): void {
    const key = `${teamId}\u0000${type}\u0000${groupType ?? ''}\u0000${name}`;
    const known = this.properties.get(key);
    if (known) {
      // The first typed value decides, as in PostHog; an untyped first value (null, an object) waits for one.
      if (known.propertyType === null) known.propertyType = detectPropertyType(name, value, this.now() / 1000);
      return;
    }
    if (this.properties.size >= this.maxPending) {
      this.dropped += 1;
      return;
    }
    this.properties.set(key, { teamId, type, groupType, name, propertyType: detectPropertyType(name, value, this.now() / 1000) });
  }

  private addEventProperty(teamId: number, event: string, property: string): void {
    const key = `${teamId}\u0000${event}\u0000${property}`;
    if (this.eventProperties.has(key)) return;
    if (this.eventProperties.size >= this.maxPending) {
      this.dropped += 1;
      return;
    }
    this.eventProperties.set(key, { teamId, event, property });
  }
}

/** Moves the running day's count into `days` (if inside the volume window) and starts counting `day` ('' = none). */
function countDay(seen: SeenEvent, day: string, firstDay: string): void {
  if (seen.dayInWindow) seen.days.set(seen.day, (seen.days.get(seen.day) ?? 0) + seen.dayCount);
  seen.day = day;
  seen.dayCount = day === '' ? 0 : 1;
  seen.dayInWindow = day !== '' && day >= firstDay;
}

/** The `properties` object of an events row (JSON text), or null when it cannot be read. */
function propertiesOf(row: string | undefined): Record<string, unknown> | null {
  if (row === undefined) return null;
  try {
    const parsed = JSON.parse(row) as { properties?: unknown };
    return isObject(parsed.properties) ? parsed.properties : null;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
