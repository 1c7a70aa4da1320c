import { evaluateFlags, type FlagsEvaluation } from '@warren/flags/evaluate-flags';
import type { Properties } from '@warren/flags/evaluation-context';
import type { GroupCache } from '../identity/group-cache.js';
import type { GroupRepository, StoredGroup } from '../identity/group-repository.js';
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
  /** The identity step's groups as it committed them, read before the database. */
  groupCache: GroupCache;
}

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
  const groupProperties: Record<string, Properties> = Object.create(null);
  for (const index in set.groupTypeMapping) {
    const type = set.groupTypeMapping[index];
    if (groups[type] === undefined) continue;
    const stored = deps.groupCache.get(project.id, Number(index), groups[type]) ?? (await storedGroup(deps, project.id, Number(index), groups[type]));
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

/** A group as stored, kept in the identity step's cache unless it has committed a newer version meanwhile. */
async function storedGroup(deps: FlagsRequestDeps, teamId: number, index: number, key: string): Promise<StoredGroup> {
  const group = await deps.groups.stored(teamId, index, key);
  deps.groupCache.offer(teamId, index, key, group);
  return group;
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

/**
 * The request's maps are keyed by client text and read by group type names, which clients name too: they have no
 * prototype, so `constructor` or `__proto__` is a key like any other (a group type named `constructor` once made every
 * /flags request of its project fail). Own enumerable keys, as Object.entries would list them, without the entries.
 */
function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const object = objectOf(value);
  for (const k of Object.keys(object)) {
    const id = idString(object[k]);
    if (id !== null) out[k] = id;
  }
  return out;
}

function objectMap(value: unknown): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = Object.create(null);
  const object = objectOf(value);
  for (const k of Object.keys(object)) out[k] = objectOf(object[k]);
  return out;
}
