import type { JsonObject, NormalizedEvent } from '../ingest/types.js';
import type { GroupRepository } from './group-repository.js';
import type { IdentityStores } from './identity-stores.js';
import { emptyIdentityOutput, type EventRow, type IdentityOutput } from './identity-output.js';
import { IdentityUnitOfWork } from './identity-unit-of-work.js';
import { mergeDistinctIds } from './merge-persons.js';
import { PersonCache } from './person-cache.js';
import { applyPersonUpdate } from './person-properties.js';
import type { PersonRecord } from './person-repository.js';
import { personUuidFor } from './person-uuid.js';

const MERGE_EVENTS = new Set(['$identify', '$create_alias', '$merge_dangerously']);

/**
 * The identity step: for each event in arrival order, find or create its person, apply merges ($identify,
 * $create_alias, $merge_dangerously), person property updates and group updates, and produce the event store rows.
 */
export class IdentityProcessor {
  readonly cache = new PersonCache();

  constructor(private readonly stores: IdentityStores) {}

  /** Processes a chunk of events inside one meta-store transaction. */
  async process(events: readonly NormalizedEvent[]): Promise<IdentityOutput> {
    const out = emptyIdentityOutput();
    try {
      await this.stores.transaction(async ({ persons, groups }) => {
        const uow = new IdentityUnitOfWork(persons, this.cache, out);
        for (const event of events) await this.processEvent(uow, groups, event);
        await uow.commit();
      });
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

  private async processEvent(uow: IdentityUnitOfWork, groups: GroupRepository, event: NormalizedEvent): Promise<void> {
    const props = event.properties;
    let person: PersonRecord | null;
    if (props.$process_person_profile === false) {
      person = await uow.find(event.teamId, event.distinctId);
    } else {
      if (MERGE_EVENTS.has(event.event)) await this.merge(uow, event);
      if (event.event === '$groupidentify' && !(await this.groupIdentify(uow, groups, event))) return;
      person = await uow.findOrCreate(event.teamId, event.distinctId, event.timestamp);
      const changed = applyPersonUpdate(person, {
        set: asObject(props.$set),
        setOnce: asObject(props.$set_once),
        unset: Array.isArray(props.$unset) ? props.$unset.filter((k): k is string => typeof k === 'string') : [],
        timestamp: event.timestamp,
      });
      const identifies = MERGE_EVENTS.has(event.event) && !person.isIdentified;
      if (identifies) person.isIdentified = true;
      if (changed || identifies) uow.markDirty(person);
    }
    uow.out.events.push(await this.eventRow(groups, event, person?.uuid ?? personUuidFor(event.teamId, event.distinctId)));
  }

  private async merge(uow: IdentityUnitOfWork, event: NormalizedEvent): Promise<void> {
    const raw = event.event === '$identify' ? event.properties.$anon_distinct_id : event.properties.alias;
    const otherId = stringifyId(raw);
    if (otherId === null) return;
    await mergeDistinctIds(uow, {
      teamId: event.teamId,
      otherId,
      targetId: event.distinctId,
      dangerous: event.event === '$merge_dangerously',
      timestamp: event.timestamp,
      eventUuid: event.uuid,
    });
  }

  /** Applies `$group_set`; false when the event is malformed and must be discarded. */
  private async groupIdentify(uow: IdentityUnitOfWork, groups: GroupRepository, event: NormalizedEvent): Promise<boolean> {
    const props = event.properties;
    const groupType = typeof props.$group_type === 'string' ? props.$group_type : null;
    const groupKey = stringifyId(props.$group_key);
    const set = props.$group_set === undefined ? (Object.create(null) as JsonObject) : asObject(props.$group_set);
    if (!groupType || groupKey === null || set === null) {
      uow.warn(event.teamId, 'invalid_group_set', { eventUuid: event.uuid, groupType: String(props.$group_type) }, event.timestamp);
      return false;
    }
    const index = await groups.typeIndex(event.teamId, groupType);
    if (index === null) {
      uow.warn(event.teamId, 'group_type_limit_reached', { eventUuid: event.uuid, groupType }, event.timestamp);
      return true;
    }
    const group = await groups.upsert(event.teamId, index, groupKey, set, event.timestamp);
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

  private async eventRow(groupRepo: GroupRepository, event: NormalizedEvent, personId: string): Promise<EventRow> {
    const groupColumns = ['', '', '', '', ''];
    const groups = asObject(event.properties.$groups);
    if (groups) {
      for (const type of Object.keys(groups)) {
        const key = stringifyId(groups[type]);
        const index = key === null ? null : await groupRepo.typeIndex(event.teamId, type);
        if (index !== null && key !== null) groupColumns[index] = key;
      }
    }
    return {
      team_id: event.teamId,
      uuid: event.uuid,
      event: event.event,
      distinct_id: event.distinctId,
      person_id: personId,
      timestamp: event.timestamp,
      created_at: event.createdAt,
      properties: JSON.stringify(event.properties),
      elements_chain: event.elementsChain,
      $session_id: event.sessionId,
      $window_id: event.windowId,
      $group_0: groupColumns[0],
      $group_1: groupColumns[1],
      $group_2: groupColumns[2],
      $group_3: groupColumns[3],
      $group_4: groupColumns[4],
    };
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
