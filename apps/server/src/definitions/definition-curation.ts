/** What a team curates on any definition (PostHog's description, tags, verification and hiding), as PATCH sets it. */
export interface DefinitionCuration {
  description: string;
  tags: string[];
  verified: boolean;
  verifiedAt: string | null;
  verifiedBy: number | null;
  hidden: boolean;
  updatedBy: number | null;
}

/**
 * The columns an update of those fields writes, shared by the event and property definition tables.
 * @example db.updateTable('event_definitions').set({ ...curationColumns(changes, now), owner }) …
 */
export function curationColumns(changes: DefinitionCuration, nowMs: number) {
  return {
    description: changes.description,
    tags: JSON.stringify(changes.tags),
    verified: changes.verified ? 1 : 0,
    verified_at: changes.verifiedAt,
    verified_by: changes.verifiedBy,
    hidden: changes.hidden ? 1 : 0,
    updated_at: new Date(nowMs).toISOString(),
    updated_by: changes.updatedBy,
  };
}
