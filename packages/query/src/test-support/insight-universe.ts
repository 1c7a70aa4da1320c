import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Tests only: insights run on the server's own event store and DDL, exactly as in production.
import { ChdbEventStore } from '../../../../apps/server/src/storage/chdb-event-store.js';
import type { InsightPlan, InsightStatement, StatementResult } from '../insights/insight-statement.js';

export const UNIVERSE_TEAM = 1;
export const OTHER_TEAM = 2;

export interface PersonSpec {
  /** The person's distinct ids; the first is the one events use by default. Defaults to `[name]`. */
  distinctIds?: string[];
  properties?: Record<string, unknown>;
  /** ISO instant; defaults to 2024-01-01T00:00:00Z. */
  createdAt?: string;
  team?: number;
}

export interface EventSpec {
  properties?: Record<string, unknown>;
  /** `$session_id`; empty when absent (server SDK events). */
  session?: string;
  team?: number;
  /** `$group_0` … `$group_4` keys. */
  groups?: Partial<Record<0 | 1 | 2 | 3 | 4, string>>;
  elementsChain?: string;
}

/**
 * A small world of named people and their events, stored in a fresh chDB event store with the server's DDL, for
 * tests whose every expected number is worked out by hand. Declare people, events and merges, then `flush()`.
 *
 *   const u = await openUniverse();
 *   u.person('alice', { distinctIds: ['alice', 'anon-1'], properties: { plan: 'pro' } });
 *   u.event('anon-1', '$pageview', '2024-05-01T10:00:00Z', { $browser: 'Chrome' });
 *   u.merge('anon-2', 'alice');  // events of anon-2 stored before the merge now count for alice
 *   await u.flush();
 *   const results = await u.runPlan(plan);
 *
 * An event is stored with the person that owns its distinct id when it is declared (a distinct id nobody declared
 * gets its own anonymous person, as ingestion would); `merge` remaps a distinct id afterwards, as identify and alias
 * do, through the overrides table that queries must honour. One universe per test file (chDB allows one session
 * per process).
 */
export class Universe {
  private readonly events: object[] = [];
  private readonly persons: object[] = [];
  private readonly overrides: object[] = [];
  private readonly groupRows: object[] = [];
  private readonly owner = new Map<string, string>();
  private counter = 0;

  constructor(readonly store: ChdbEventStore) {}

  /** Declares a person; returns its UUID (deterministic from the name). */
  person(name: string, spec: PersonSpec = {}): string {
    const id = personUuid(name);
    const team = spec.team ?? UNIVERSE_TEAM;
    for (const distinctId of spec.distinctIds ?? [name]) this.owner.set(`${team}:${distinctId}`, id);
    this.persons.push({
      team_id: team,
      id,
      created_at: clickhouseTime(spec.createdAt ?? '2024-01-01T00:00:00Z'),
      properties: JSON.stringify(spec.properties ?? {}),
      is_identified: 1,
      is_deleted: 0,
      version: 1,
    });
    return id;
  }

  /** The UUID of a declared (or implicitly created) person. */
  personId(name: string): string {
    return personUuid(name);
  }

  event(distinctId: string, event: string, at: string, properties: Record<string, unknown> = {}, spec: EventSpec = {}): void {
    const team = spec.team ?? UNIVERSE_TEAM;
    let personId = this.owner.get(`${team}:${distinctId}`);
    if (!personId) personId = this.person(`anon:${team}:${distinctId}`, { distinctIds: [distinctId], team, createdAt: at });
    const groups = spec.groups ?? {};
    this.events.push({
      team_id: team,
      uuid: `00000000-0000-4000-8000-${String(++this.counter).padStart(12, '0')}`,
      event,
      distinct_id: distinctId,
      person_id: personId,
      timestamp: clickhouseTime(at),
      created_at: clickhouseTime(at),
      properties: JSON.stringify({ ...properties, ...(spec.session ? { $session_id: spec.session } : {}) }),
      elements_chain: spec.elementsChain ?? '',
      $session_id: spec.session ?? '',
      $group_0: groups[0] ?? '',
      $group_1: groups[1] ?? '',
      $group_2: groups[2] ?? '',
      $group_3: groups[3] ?? '',
      $group_4: groups[4] ?? '',
    });
  }

  /** Remaps a distinct id to a named person (identify / alias after the fact). */
  merge(distinctId: string, intoName: string, team = UNIVERSE_TEAM): void {
    const into = personUuid(intoName);
    this.owner.set(`${team}:${distinctId}`, into);
    this.overrides.push({ team_id: team, distinct_id: distinctId, person_id: into, is_deleted: 0, version: this.overrides.length + 1 });
  }

  group(index: number, key: string, properties: Record<string, unknown>, team = UNIVERSE_TEAM): void {
    this.groupRows.push({ team_id: team, group_type_index: index, group_key: key, group_properties: JSON.stringify(properties), created_at: '2024-01-01 00:00:00', version: 1 });
  }

  /** Writes everything declared since the last flush. */
  async flush(): Promise<void> {
    await this.store.insert('events', this.events.splice(0));
    await this.store.insert('person', this.persons.splice(0));
    await this.store.insert('person_distinct_id_overrides', this.overrides.splice(0));
    await this.store.insert('groups', this.groupRows.splice(0));
  }

  async run(statement: InsightStatement): Promise<StatementResult> {
    return this.store.query(statement.sql, statement.params);
  }

  /** Runs a plan's statements and shapes their rows, as the server does. */
  async runPlan<R>(plan: InsightPlan<R>): Promise<R> {
    const results: StatementResult[] = [];
    for (const statement of plan.statements) results.push(await this.run(statement));
    return plan.shape(results);
  }
}

/** A fresh, empty universe in a temporary directory. */
export async function openUniverse(): Promise<Universe> {
  const store = new ChdbEventStore(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-universe-')));
  await store.migrate();
  return new Universe(store);
}

function personUuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function clickhouseTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Bad instant in a universe: ${iso}`);
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
