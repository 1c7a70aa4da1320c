/** What the identity step decided for one event: its person and its group keys by group type index. */
export interface EventIdentity {
  personId: string;
  /** `$group_0` .. `$group_4`; '' where the event has no group of that index. */
  groupColumns: string[];
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
  /** One per input event that is kept, in input order; null for an event that must be discarded. */
  events: (EventIdentity | null)[];
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
