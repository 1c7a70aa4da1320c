/**
 * Puts the benchmark's universe into a running Warren through its public API: companies (`$groupidentify`), persons
 * (one event each with `$set`, in big `/batch/` requests), then the flag suite. Persons go in before the flags so
 * the project's cached flag set, rebuilt when a flag is created, already knows the `company` group type.
 */
import type { FlagDefinition } from '@warren/flags/flag-definition';
import type { WarrenProcess } from '../../tests/support/spawn-warren.js';
import { flagSuite, type FlagBody } from './flag-suite.js';
import { COMPANY_GROUP_TYPE, distinctIdOf, seedCompany, seedPerson } from './population.js';

const PROJECT = '/api/projects/1';
const EVENTS_PER_BATCH = 2_000;
const BATCHES_IN_FLIGHT = 4;
const COUNT_TIMEOUT_MS = 120_000;

export interface SeedTimings {
  /** From the first `/batch/` request to the last acknowledgement. */
  ingestMs: number;
  /** From the first `/batch/` request until `select count() from persons` reached the population. */
  storedMs: number;
}

/** Sends one `$groupidentify` per company, from the company's first person (so no extra person is created). */
export async function seedCompanies(warren: WarrenProcess, companies: number): Promise<void> {
  const batch = [];
  for (let i = 0; i < companies; i++) {
    const { key, properties } = seedCompany(i);
    batch.push({ event: '$groupidentify', distinct_id: distinctIdOf(i), properties: { $group_type: COMPANY_GROUP_TYPE, $group_key: key, $group_set: properties } });
  }
  await postBatch(warren, batch);
}

/** Ingests `persons` persons in batches, then waits until the query API counts all of them. */
export async function seedPersons(warren: WarrenProcess, persons: number, companies: number, nowMs: number): Promise<SeedTimings> {
  const startedAt = Date.now();
  let next = 0;
  const sendBatches = async () => {
    while (next < persons) {
      const from = next;
      next = Math.min(persons, next + EVENTS_PER_BATCH);
      const batch = [];
      for (let i = from; i < next; i++) {
        const p = seedPerson(i, companies, nowMs);
        batch.push({ event: 'signed_up', distinct_id: p.distinctId, properties: { $set: p.properties, $groups: { [COMPANY_GROUP_TYPE]: p.company } } });
      }
      await postBatch(warren, batch);
    }
  };
  await Promise.all(Array.from({ length: BATCHES_IN_FLIGHT }, sendBatches));
  const ingestMs = Date.now() - startedAt;
  let stored = await storedPersonCount(warren);
  while (stored < persons) {
    if (Date.now() - startedAt > COUNT_TIMEOUT_MS) throw new Error(`only ${stored} of ${persons} persons stored after ${COUNT_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 200));
    stored = await storedPersonCount(warren);
  }
  return { ingestMs, storedMs: Date.now() - startedAt };
}

/** Creates the suite through the REST API and returns the definitions as the engine sees them (from the list API). */
export async function seedFlags(warren: WarrenProcess): Promise<FlagDefinition[]> {
  const ids = new Map<string, number>();
  for (const body of flagSuite()) {
    const created = await api<{ id: number }>(warren, 'POST', `${PROJECT}/feature_flags/`, withDependencyIds(body, ids));
    ids.set(body.key, created.id);
  }
  const list = await api<{ results: (FlagDefinition & { ensure_experience_continuity: boolean })[] }>(warren, 'GET', `${PROJECT}/feature_flags/?limit=1000`);
  // The same fields Warren's own `toDefinition` keeps.
  return list.results.map((f) => ({
    id: f.id, key: f.key, name: f.name, active: f.active, deleted: f.deleted, version: f.version,
    ensure_experience_continuity: f.ensure_experience_continuity, filters: f.filters,
  }));
}

/** The suite names dependencies by flag key; Warren stores them by id. */
function withDependencyIds(body: FlagBody, ids: Map<string, number>): FlagBody {
  const groups = (body.filters.groups ?? []).map((g) => ({
    ...g,
    properties: (g.properties ?? []).map((p) => {
      if (p.type !== 'flag') return p;
      const id = ids.get(p.key);
      if (id === undefined) throw new Error(`${body.key} depends on ${p.key}, which must be created first`);
      return { ...p, key: String(id) };
    }),
  }));
  return { ...body, filters: { ...body.filters, groups } };
}

/** `select count() from persons` through the public query API, computed afresh (it is polled while persons land). */
export async function storedPersonCount(warren: WarrenProcess): Promise<number> {
  const body = await api<{ results?: unknown[][] }>(warren, 'POST', `${PROJECT}/query/`, {
    query: { kind: 'HogQLQuery', query: 'select count() from persons' },
    refresh: 'force_blocking',
  });
  if (!Array.isArray(body.results)) throw new Error(`count query answered ${JSON.stringify(body)}`);
  return Number(body.results[0][0]);
}

async function postBatch(warren: WarrenProcess, batch: unknown[]): Promise<void> {
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_key: warren.token, batch, sent_at: new Date().toISOString() }),
  });
  if (!res.ok) throw new Error(`/batch/ answered ${res.status}: ${await res.text()}`);
}

async function api<T>(warren: WarrenProcess, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${warren.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${warren.personalApiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}
