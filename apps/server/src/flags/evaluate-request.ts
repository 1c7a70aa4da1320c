import { evaluateFlags, type FlagsEvaluation } from '@warren/flags/evaluate-flags';
import type { Properties } from '@warren/flags/evaluation-context';
import { MAX_GROUP_TYPES, type GroupRepository } from '../identity/group-repository.js';
import type { PersonCache } from '../identity/person-cache.js';
import type { PersonRepository } from '../identity/person-repository.js';
import { validationError } from '../platform/app-error.js';
import type { Project } from '../projects/project-repository.js';
import type { FlagRepository } from './flag-repository.js';
import type { ProjectFlagSet, ProjectFlags } from './project-flags.js';

export interface FlagsRequestDeps {
  projectFlags: ProjectFlags;
  flags: FlagRepository;
  persons: PersonRepository;
  groups: GroupRepository;
  /** The identity step's own cache (it is the only writer of persons), read before the database. */
  personCache: PersonCache;
}

const GROUP_CACHE_MS = 2_000;
const GROUP_CACHE_MAX = 50_000;
/** (project, group type index) -> group key -> stored properties; keyed in two steps so no key string is built. */
const groupCache = new Map<number, Map<string, GroupCacheEntry>>();
let groupCacheSize = 0;

/** The parts of a `/flags` body evaluation reads (all SDKs, all versions). */
export interface FlagsRequestBody {
  distinct_id?: unknown;
  $anon_distinct_id?: unknown;
  $device_id?: unknown;
  groups?: unknown;
  person_properties?: unknown;
  group_properties?: unknown;
  flag_keys_to_evaluate?: unknown;
}

/**
 * Evaluates a project's flags for one `/flags` request: stored person and group properties overridden by the
 * request's, experience-continuity hash keys, and only the requested keys when the SDK names them.
 */
export async function evaluateFlagsRequest(deps: FlagsRequestDeps, project: Project, set: ProjectFlagSet, body: FlagsRequestBody): Promise<FlagsEvaluation> {
  const distinctId = idString(body.distinct_id);
  if (distinctId === null) throw validationError('distinct_id is required.', 'distinct_id', 'required');
  const groups = stringMap(body.groups);
  const requestGroupProps = objectMap(body.group_properties);
  const cached = deps.personCache.get(project.id, distinctId);
  const person = cached !== undefined ? cached : await deps.persons.findByDistinctId(project.id, distinctId);
  const personProperties = overlaid(person?.properties as Properties | undefined, objectOf(body.person_properties) as Properties);
  const groupProperties: Record<string, Properties> = {};
  for (const index in set.groupTypeMapping) {
    const type = set.groupTypeMapping[index];
    if (groups[type] === undefined) continue;
    const stored = cachedGroupProperties(project.id, Number(index), groups[type]) ?? (await storedGroupProperties(deps, project.id, Number(index), groups[type]));
    groupProperties[type] = overlaid(stored.properties as Properties | null, requestGroupProps[type] as Properties | undefined);
  }
  const hashKeyOverrides =
    set.continuityKeys.length === 0 ? undefined : await continuityOverrides(deps, project.id, set.continuityKeys, person?.uuid ?? null, idString(body.$anon_distinct_id));
  const onlyKeys = Array.isArray(body.flag_keys_to_evaluate) ? body.flag_keys_to_evaluate.filter((k): k is string => typeof k === 'string') : undefined;
  return evaluateFlags(
    set.definitions,
    {
      distinctId,
      personProperties,
      groups,
      groupProperties,
      groupTypeMapping: set.groupTypeMapping,
      cohorts: set.cohorts.definitions,
      cohortMembership: (cohortId) => {
        const members = set.cohorts.membership.get(cohortId);
        return members === undefined ? undefined : person !== null && person !== undefined && members.has(person.uuid);
      },
      hashKeyOverrides,
      deviceId: idString(body.$device_id),
      now: new Date(),
      mode: 'remote',
    },
    { onlyKeys, prepared: set.prepared },
  );
}

/** The stored properties overridden by the request's; the stored object itself when the request sends none. */
function overlaid(stored: Properties | null | undefined, sent: Properties | undefined): Properties {
  if (sent === undefined || isEmpty(sent)) return stored ?? {};
  return { ...stored, ...sent };
}

function isEmpty(object: object): boolean {
  for (const _ in object) return false;
  return true;
}

type GroupCacheEntry = { at: number; properties: Record<string, unknown> | null };

const groupScope = (teamId: number, index: number): number => teamId * MAX_GROUP_TYPES + index;

/** A fresh cache entry of a group's stored properties, read without waiting (most requests find one). */
function cachedGroupProperties(teamId: number, index: number, key: string): GroupCacheEntry | undefined {
  const hit = groupCache.get(groupScope(teamId, index))?.get(key);
  return hit && Date.now() - hit.at < GROUP_CACHE_MS ? hit : undefined;
}

/** Stored group properties, cached briefly: every request of a company's users reads the same group. */
async function storedGroupProperties(deps: FlagsRequestDeps, teamId: number, index: number, key: string): Promise<GroupCacheEntry> {
  const properties = await deps.groups.properties(teamId, index, key);
  if (groupCacheSize >= GROUP_CACHE_MAX) {
    groupCache.clear();
    groupCacheSize = 0;
  }
  const entry = { at: Date.now(), properties };
  const scope = groupScope(teamId, index);
  let groups = groupCache.get(scope);
  if (groups === undefined) groupCache.set(scope, (groups = new Map()));
  if (!groups.has(key)) groupCacheSize++;
  groups.set(key, entry);
  return entry;
}

/** `ensure_experience_continuity`: the first id a person was seen with keeps deciding their bucket after identify. */
async function continuityOverrides(
  deps: FlagsRequestDeps,
  teamId: number,
  keys: string[],
  personUuid: string | null,
  anonId: string | null,
): Promise<Record<string, string> | undefined> {
  if (personUuid === null) return undefined;
  if (anonId !== null) await deps.flags.addHashKeyOverrides(teamId, personUuid, keys, anonId);
  return deps.flags.hashKeyOverrides(teamId, personUuid);
}

function idString(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value.slice(0, 200);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

// Own enumerable keys, as Object.entries would list them, without building the entries.
function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const object = objectOf(value);
  for (const k of Object.keys(object)) {
    const id = idString(object[k]);
    if (id !== null) out[k] = id;
  }
  return out;
}

function objectMap(value: unknown): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const object = objectOf(value);
  for (const k of Object.keys(object)) out[k] = objectOf(object[k]);
  return out;
}
