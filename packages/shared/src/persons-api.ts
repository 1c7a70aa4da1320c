/**
 * The person record of `GET /api/projects/:id/persons/` and `/persons/:id/` (PostHog's persons API), as the server
 * builds it (apps/server/src/persons/person-view.ts) and the web app's Persons screens read it.
 */

export interface PersonApi {
  /** The person's uuid (PostHog returns it under both names). */
  id: string;
  uuid: string;
  /** The email or name property, else the first non-uuid distinct id. */
  name: string;
  /** Human-readable distinct ids first, anonymous uuid-like ones last. */
  distinct_ids: string[];
  properties: Record<string, unknown>;
  is_identified: boolean;
  /** ISO 8601: when the person was first seen. */
  created_at: string;
}

/** A page of the persons list (offset paging: `next` / `previous` are absolute URLs or null). */
export interface PersonsPageApi {
  next: string | null;
  previous: string | null;
  results: PersonApi[];
}
