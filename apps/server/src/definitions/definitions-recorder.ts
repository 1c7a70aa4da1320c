import { Counter, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { IdentityEvent } from '../ingest/ingest-record.js';
import { DefinitionsAccumulator, PropertyParent, type SeenDefinitions } from './definitions-accumulator.js';
import type { EventDefinitionRepository } from './event-definition-repository.js';
import { definitionKey, type NewPropertyDefinition, type PropertyDefinitionRepository } from './property-definition-repository.js';
import type { StoredRows } from '../ingest/ingest-pipeline.js';

export interface RecorderOptions {
  /** How often what ingestion saw is written to the meta store. */
  intervalMs?: number;
  /** Event names, and property names (per parent type), a project may have; more are dropped with a warning. */
  maxNamesPerProject?: number;
  /** Event -> property pairs a project may have. */
  maxEventPropertiesPerProject?: number;
  /** How long the names known to be stored are trusted before being read again (definitions deleted meanwhile). */
  knownTtlMs?: number;
  now?: () => number;
}

/** What is known to be stored for one project, so a window writes only what is new. */
interface KnownNames {
  loadedAt: number;
  events: Set<string>;
  /** definitionKey -> has a type */
  properties: Map<string, boolean>;
  /** Stored property definitions per parent type. */
  propertyCounts: Map<number, number>;
  eventProperties: Set<string>;
  groupIndexes: Map<string, number>;
  warned: boolean;
}

/**
 * Turns what the ingestion flush saw into event and property definitions: the accumulator is fed on the flush path
 * (`observe`), and every few seconds the window is written in batched upserts. Each project has a bounded number of
 * names; beyond it new names are dropped, counted in `warren_definitions_dropped_total` and logged once.
 */
export class DefinitionsRecorder {
  readonly accumulator: DefinitionsAccumulator;
  private readonly known = new Map<number, KnownNames>();
  private readonly dropped: Counter<'reason'>;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private lastPrunedDay = '';
  private readonly options: Required<Omit<RecorderOptions, 'now'>>;
  private readonly now: () => number;

  constructor(
    private readonly events: EventDefinitionRepository,
    private readonly properties: PropertyDefinitionRepository,
    registry: Registry | null,
    private readonly log: Logger,
    options: RecorderOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.options = {
      intervalMs: options.intervalMs ?? 3000,
      maxNamesPerProject: options.maxNamesPerProject ?? 10_000,
      maxEventPropertiesPerProject: options.maxEventPropertiesPerProject ?? 100_000,
      knownTtlMs: options.knownTtlMs ?? 10 * 60_000,
    };
    this.accumulator = new DefinitionsAccumulator({ now: this.now });
    this.dropped = new Counter({
      name: 'warren_definitions_dropped_total',
      help: 'Event or property names not recorded as definitions, by reason',
      labelNames: ['reason'] as const,
      registers: registry ? [registry] : [],
    });
  }

  /** The ingestion hook: cheap, never throws (definitions must not fail a flush). */
  readonly observe = (events: readonly IdentityEvent[], rows: StoredRows, kept?: readonly unknown[]): void => {
    try {
      this.accumulator.observe(events, rows, kept);
    } catch (error) {
      this.log.warn({ err: error }, 'definitions: could not read a flushed batch');
    }
  };

  start(): void {
    this.timer = setInterval(() => void this.write(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes what is pending. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.write();
  }

  /** Writes the current window (waits for a write in progress first). Errors are logged; that window is lost. */
  async write(): Promise<void> {
    while (this.writing) await this.writing;
    const seen = this.accumulator.take();
    if (seen.dropped > 0) this.dropped.inc({ reason: 'pending_full' }, seen.dropped);
    if (seen.events.length === 0 && seen.properties.length === 0) return;
    this.writing = this.writeWindow(seen)
      .catch((error: unknown) => this.log.warn({ err: error }, 'definitions: writing a window failed'))
      .finally(() => (this.writing = null));
    await this.writing;
  }

  private async writeWindow(seen: SeenDefinitions): Promise<void> {
    const seenAt = new Date(this.now()).toISOString();
    for (const teamId of new Set(seen.events.map((e) => e.teamId).concat(seen.properties.map((p) => p.teamId)))) {
      const known = await this.knownFor(teamId);
      await this.writeEvents(teamId, known, seen, seenAt);
      await this.writeProperties(teamId, known, seen);
    }
    const today = seenAt.slice(0, 10);
    if (today !== this.lastPrunedDay) {
      this.lastPrunedDay = today;
      await this.events.pruneVolumes();
    }
  }

  private async writeEvents(teamId: number, known: KnownNames, seen: SeenDefinitions, seenAt: string): Promise<void> {
    const names: { teamId: number; name: string }[] = [];
    const volumes: { teamId: number; name: string; day: string; count: number }[] = [];
    let stored = known.events.size;
    for (const e of seen.events) {
      if (e.teamId !== teamId) continue;
      if (!known.events.has(e.name)) {
        if (!this.admit(teamId, known, stored, 'event_names')) continue;
        stored += 1;
      }
      names.push({ teamId, name: e.name });
      for (const [day, count] of e.days) volumes.push({ teamId, name: e.name, day, count });
    }
    await this.events.recordSeen(names, seenAt);
    await this.events.addVolumes(volumes);
    for (const n of names) known.events.add(n.name);
  }

  private async writeProperties(teamId: number, known: KnownNames, seen: SeenDefinitions): Promise<void> {
    const fresh: NewPropertyDefinition[] = [];
    const counts = known.propertyCounts;
    for (const p of seen.properties) {
      if (p.teamId !== teamId) continue;
      const groupTypeIndex = p.type === PropertyParent.group ? await this.groupIndex(teamId, known, p.groupType!) : -1;
      if (groupTypeIndex === null) continue;
      const key = definitionKey(p.type, groupTypeIndex, p.name);
      const typed = known.properties.get(key);
      if (typed === true || (typed === false && p.propertyType === null)) continue;
      if (typed === undefined && !this.admit(teamId, known, counts.get(p.type) ?? 0, 'property_names')) continue;
      counts.set(p.type, (counts.get(p.type) ?? 0) + (typed === undefined ? 1 : 0));
      fresh.push({ teamId, type: p.type, groupTypeIndex, name: p.name, propertyType: p.propertyType });
    }
    await this.properties.insertSeen(fresh);
    for (const d of fresh) known.properties.set(definitionKey(d.type, d.groupTypeIndex, d.name), d.propertyType !== null);

    const pairs = seen.eventProperties.filter((ep) => ep.teamId === teamId && !known.eventProperties.has(`${ep.event}\u0000${ep.property}`));
    const room = Math.max(0, this.options.maxEventPropertiesPerProject - known.eventProperties.size);
    if (pairs.length > room) this.refuse(teamId, known, 'event_properties', pairs.length - room);
    const admitted = pairs.slice(0, room);
    await this.properties.insertEventProperties(admitted);
    for (const ep of admitted) known.eventProperties.add(`${ep.event}\u0000${ep.property}`);
  }

  /** True when a project with `count` names of a kind may have one more. */
  private admit(teamId: number, known: KnownNames, count: number, reason: string): boolean {
    if (count < this.options.maxNamesPerProject) return true;
    this.refuse(teamId, known, reason, 1);
    return false;
  }

  private refuse(teamId: number, known: KnownNames, reason: string, n: number): void {
    this.dropped.inc({ reason }, n);
    if (known.warned) return;
    known.warned = true;
    this.log.warn({ teamId, reason, limit: this.options.maxNamesPerProject }, 'definitions: project has too many names; new ones are not recorded');
  }

  private async groupIndex(teamId: number, known: KnownNames, groupType: string): Promise<number | null> {
    const cached = known.groupIndexes.get(groupType);
    if (cached !== undefined) return cached;
    const index = await this.properties.groupTypeIndex(teamId, groupType);
    if (index !== null) known.groupIndexes.set(groupType, index);
    return index;
  }

  private async knownFor(teamId: number): Promise<KnownNames> {
    const cached = this.known.get(teamId);
    if (cached && this.now() - cached.loadedAt < this.options.knownTtlMs) return cached;
    const properties = await this.properties.keys(teamId);
    const propertyCounts = new Map<number, number>();
    for (const key of properties.keys()) {
      const type = Number(key.slice(0, key.indexOf('/')));
      propertyCounts.set(type, (propertyCounts.get(type) ?? 0) + 1);
    }
    const fresh: KnownNames = {
      loadedAt: this.now(),
      events: new Set(await this.events.names(teamId)),
      properties,
      propertyCounts,
      eventProperties: await this.properties.eventPropertyKeys(teamId),
      groupIndexes: new Map(),
      warned: cached?.warned ?? false,
    };
    this.known.set(teamId, fresh);
    return fresh;
  }
}
