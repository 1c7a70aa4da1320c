/**
 * How far ahead of its receive time an event may be stored: PostHog clamps event times more than 23 h ahead of the
 * server to "now", and Warren's ingestion does the same (apps/server/src/ingest/event-timestamp.ts). Queries may rely
 * on it: no stored event is later than the moment it was asked about plus this much.
 */
export const MAX_FUTURE_MS = 23 * 60 * 60 * 1000;
