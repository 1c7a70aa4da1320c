import { withQuery } from '../api/api-client';

/** Rows per page of the persons list. */
export const PERSONS_PAGE_SIZE = 50;

/**
 * The request that deletes a person: the profile and distinct ids at once; with `deleteEvents` their events (and
 * recordings) too, which the server queues and works off in the background.
 * Example: personDeletePath(1, 'abc', true) -> '/api/projects/1/persons/abc/?delete_events=true'
 */
export function personDeletePath(projectId: number, personId: string, deleteEvents: boolean): string {
  return withQuery(`/api/projects/${projectId}/persons/${encodeURIComponent(personId)}/`, { delete_events: deleteEvents ? 'true' : undefined });
}

/** What the persons list says after a deletion, handed over in the navigation's state. */
export interface DeletedPersonNotice {
  name: string;
  withEvents: boolean;
}

/** The notice from a navigation state, or null when the state is not one (a reload, a typed URL). */
export function deletedNoticeOf(state: unknown): DeletedPersonNotice | null {
  if (typeof state !== 'object' || state === null) return null;
  const deleted = (state as { deleted?: unknown }).deleted;
  if (typeof deleted !== 'object' || deleted === null) return null;
  const { name, withEvents } = deleted as Record<string, unknown>;
  return typeof name === 'string' ? { name, withEvents: withEvents === true } : null;
}

/** The `offset` from the page's search parameters: a whole number of rows, else 0 (a hand-edited URL). */
export function offsetParam(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 0;
}
