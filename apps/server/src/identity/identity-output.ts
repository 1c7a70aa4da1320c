/** Rows the identity step produces for the event store, alongside the enriched events. */
export interface EventRow {
  team_id: number;
  uuid: string;
  event: string;
  distinct_id: string;
  person_id: string;
  timestamp: string;
  created_at: string;
  properties: string;
  elements_chain: string;
  $session_id: string;
  $window_id: string;
  $group_0: string;
  $group_1: string;
  $group_2: string;
  $group_3: string;
  $group_4: string;
}

export interface PersonRow {
  team_id: number;
  id: string;
  created_at: string;
  properties: string;
  is_identified: number;
  is_deleted: number;
  version: number;
}

export interface OverrideRow {
  team_id: number;
  distinct_id: string;
  person_id: string;
  is_deleted: number;
  version: number;
}

export interface GroupRow {
  team_id: number;
  group_type_index: number;
  group_key: string;
  group_properties: string;
  created_at: string;
  version: number;
}

export interface WarningRow {
  team_id: number;
  source: string;
  type: string;
  details: string;
  timestamp: string;
}

export interface IdentityOutput {
  events: EventRow[];
  persons: PersonRow[];
  overrides: OverrideRow[];
  groups: GroupRow[];
  warnings: WarningRow[];
}

export const emptyIdentityOutput = (): IdentityOutput => ({ events: [], persons: [], overrides: [], groups: [], warnings: [] });

let lastVersion = 0;
/** A version number that only grows within this process and across restarts (microseconds since epoch). */
export function nextVersion(): number {
  lastVersion = Math.max(lastVersion + 1, Date.now() * 1000);
  return lastVersion;
}
