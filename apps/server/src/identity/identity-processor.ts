import type { IdentityEvent } from '../ingest/ingest-record.js';
import type { JsonObject } from '../ingest/types.js';
import { GroupCache } from './group-cache.js';
import type { GroupRecord, GroupRepository } from './group-repository.js';
import { emptyIdentityOutput, type EventIdentity, type IdentityOutput } from './identity-output.js';
import type { IdentityStores } from './identity-stores.js';
import { IdentityUnitOfWork } from './identity-unit-of-work.js';
import { mergeDistinctIds } from './merge-persons.js';
import { PersonCache } from './person-cache.js';
import { applyPersonUpdate } from './person-properties.js';
import type { PersonRecord } from './person-repository.js';
import { personUuidFor } from './person-uuid.js';
import { describeClientValue } from '../ingest/json-values.js';

const NO_GROUPS: readonly string[] = Object.freeze(['', '', '', '', '']);

/**
 * The identity step: for each event in arrival order, find or create its person, apply merges ($identify,
 * $create_alias, $merge_dangerously), person property updates and group updates, and decide the person id and
 * group columns its row gets.
 */
export class IdentityProcessor {
  readonly cache = new PersonCache();
  /** Groups as this step last committed them (it is their only writer), for `/flags`. */
  readonly groupCache = new GroupCache();

  constructor(private readonly stores: IdentityStores) {}

  /** Processes a chunk of events inside one meta-store transaction. */
  async process(events: readonly IdentityEvent[]): Promise<IdentityOutput> {
    const out = emptyIdentityOutput();
    const written: GroupRecord[] = [];
    try {
      await this.stores.transaction(async ({ persons, groups }) => {
        const uow = new IdentityUnitOfWork(persons, this.cache, out);
        for (const event of events) out.events.push(await this.processGuarded(uow, groups, event, written));
        await uow.commit();
      });
      // Only now: a group offered before the commit could be one the database never kept.
      for (const g of written) this.groupCache.offer(g.teamId, g.groupTypeIndex, g.groupKey, g);
    } catch (error) {
      // The transaction rolled back; cached persons may hold uncommitted changes.
      this.cache.clear();
      throw error;
    }
    return out;
  }

  /** Drops cached persons of these distinct ids (after a delete through the API). */
  forget(teamId: number, distinctIds: readonly string[]): void {
    this.cache.forget(teamId, distinctIds);
  }

  /**
   * One event, whose content can never stop the step: if the event's values break it (a TypeError or RangeError, such
   * as an object whose `toString` cannot be called), the event keeps its distinct id's own person, a warning says
   * so, and the others go on. Before, such an event failed its flush, and every flush after it, for good: the log
   * replayed it on every start. Errors of the stores still fail the chunk, which is retried.
   */
  private async processGuarded(uow: IdentityUnitOfWork, groups: GroupRepository, event: IdentityEvent, written: GroupRecord[]): Promise<EventIdentity | null> {
    try {
      const cached = this.processCached(uow, event);
      return cached !== undefined ? cached : await this.processEvent(uow, groups, event, written);
    } catch (error) {
      if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
      uow.warn(event.t, 'identity_step_failed', { eventUuid: event.u, event: describeClientValue(event.e), error: error.message.slice(0, 200) }, event.ts);
      return { personId: personUuidFor(event.t, event.d), groupColumns: NO_GROUPS as string[] };
    }
  }

  private async processEvent(uow: IdentityUnitOfWork, groups: GroupRepository, event: IdentityEvent, written: GroupRecord[]): Promise<EventIdentity | null> {
    let person: PersonRecord | null;
    if (event.np) {
      person = await uow.find(event.t, event.d);
    } else {
      if (event.other !== undefined) await this.merge(uow, event);
      if (event.gi && !(await this.groupIdentify(uow, groups, event, written))) return null;
      person = await uow.findOrCreate(event.t, event.d, event.ts);
      updatePerson(uow, person, event);
    }
    return {
      personId: person?.uuid ?? personUuidFor(event.t, event.d),
      groupColumns: event.groups ? await this.groupColumns(groups, event.t, event.groups) : (NO_GROUPS as string[]),
    };
  }

  /**
   * processEvent without a wait, for most events: no merge, no groups, and the person already cached. Undefined when
   * the event needs more (processEvent then does it all). Three awaits an event on values already at hand cost the
   * flush's thread ~40 % of what it allocated under batch-100 load.
   */
  private processCached(uow: IdentityUnitOfWork, event: IdentityEvent): EventIdentity | undefined {
    if (event.other !== undefined || event.gi || event.groups) return undefined;
    const person = uow.cached(event.t, event.d);
    // A person still to be created (or one only the store knows) takes the long way.
    if (person === undefined || (person === null && !event.np)) return undefined;
    if (!event.np) updatePerson(uow, person!, event);
    return { personId: person?.uuid ?? personUuidFor(event.t, event.d), groupColumns: NO_GROUPS as string[] };
  }

  private async merge(uow: IdentityUnitOfWork, event: IdentityEvent): Promise<void> {
    const otherId = stringifyId(event.other);
    if (otherId === null) return;
    await mergeDistinctIds(uow, {
      teamId: event.t,
      otherId,
      targetId: event.d,
      dangerous: event.e === '$merge_dangerously',
      identifies: event.m === 1,
      timestamp: event.ts,
      eventUuid: event.u,
    });
  }

  /** Applies `$group_set`; false when the event is malformed and must be discarded. */
  private async groupIdentify(uow: IdentityUnitOfWork, groups: GroupRepository, event: IdentityEvent, written: GroupRecord[]): Promise<boolean> {
    const gi = event.gi!;
    const groupType = typeof gi.type === 'string' && gi.type !== '' ? gi.type : null;
    const groupKey = stringifyId(gi.key);
    const set = gi.set === undefined || gi.set === null ? (Object.create(null) as JsonObject) : asObject(gi.set);
    if (!groupType || groupKey === null || set === null) {
      uow.warn(event.t, 'invalid_group_set', { eventUuid: event.u, groupType: describeClientValue(gi.type) }, event.ts);
      return false;
    }
    const index = await groups.typeIndex(event.t, groupType);
    if (index === null) {
      uow.warn(event.t, 'group_type_limit_reached', { eventUuid: event.u, groupType }, event.ts);
      return true;
    }
    const group = await groups.upsert(event.t, index, groupKey, set, event.ts);
    written.push(group);
    uow.out.groups.push({
      team_id: group.teamId,
      group_type_index: group.groupTypeIndex,
      group_key: group.groupKey,
      group_properties: JSON.stringify(group.properties),
      created_at: group.createdAt,
      version: group.version,
    });
    return true;
  }

  private async groupColumns(groups: GroupRepository, teamId: number, eventGroups: JsonObject): Promise<string[]> {
    const columns = ['', '', '', '', ''];
    for (const type of Object.keys(eventGroups)) {
      const key = stringifyId(eventGroups[type]);
      const index = key === null ? null : await groups.typeIndex(teamId, type);
      if (index !== null && key !== null) columns[index] = key;
    }
    return columns;
  }
}

function asObject(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** Ids arrive as strings, numbers (posthog-python's `alias(uuid, 42)`) or worse; null when unusable. */
function stringifyId(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** An event's `$set`, `$set_once`, `$unset` and identification, applied to its person (marked for writing if changed). */
function updatePerson(uow: IdentityUnitOfWork, person: PersonRecord, event: IdentityEvent): void {
  const changed =
    (event.set || event.once || event.unset) &&
    applyPersonUpdate(person, { set: event.set ?? null, setOnce: event.once ?? null, unset: event.unset ?? [], timestamp: event.ts });
  const identifies = event.m === 1 && !person.isIdentified;
  if (identifies) person.isIdentified = true;
  if (changed || identifies) uow.markDirty(person);
}
