/**
 * The records of `GET /api/projects/:id/events/` (PostHog's events list), as the server builds them
 * (apps/server/src/events/event-view.ts) and the web app's Activity and person screens read them.
 */

/** The person an event belongs to, as the event list embeds it. */
export interface EventPersonApi {
  /** The person's uuid. */
  id: string;
  is_identified: boolean;
  properties: Record<string, unknown>;
}

/** One event, newest first in a page. */
export interface EventApi {
  /** The event's uuid. */
  id: string;
  distinct_id: string;
  properties: Record<string, unknown>;
  event: string;
  /** ISO 8601 with microseconds and `+00:00`, e.g. `2024-05-01T12:00:00.123456+00:00`. */
  timestamp: string;
  /** Null when the event has no person row (e.g. the person was deleted). */
  person: EventPersonApi | null;
  elements: unknown[];
  elements_chain: string;
}

/** A page of events; `next` is the absolute URL of the older page (same filters, `before` = the last row's time). */
export interface EventsPageApi {
  next: string | null;
  results: EventApi[];
}
