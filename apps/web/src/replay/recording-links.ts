import { withQuery } from '../api/api-client';

/**
 * The player's URL for a recording, opening `offsetMs` into it when given.
 * Example: recordingPath(1, 'sess-1', 5000) === '/project/1/replay/sess-1?t=5000'
 */
export function recordingPath(projectId: number, sessionId: string, offsetMs?: number): string {
  return withQuery(`/project/${projectId}/replay/${encodeURIComponent(sessionId)}`, { t: offsetMs === undefined ? undefined : Math.max(0, Math.round(offsetMs)) });
}

/**
 * The player's URL at the moment of an event of a recorded session, or null when the event has no `$session_id`. An
 * event does not know when its recording started, so it hands its own time (`at`) and the player works out the offset.
 * Example: eventRecordingPath(1, { timestamp: '2024-05-01T12:00:05Z', properties: { $session_id: 's1' } })
 *   === '/project/1/replay/s1?at=2024-05-01T12%3A00%3A05Z'
 */
export function eventRecordingPath(projectId: number, event: { timestamp: string; properties: Record<string, unknown> }): string | null {
  const sessionId = event.properties.$session_id;
  if (typeof sessionId !== 'string' || sessionId === '') return null;
  return withQuery(`/project/${projectId}/replay/${encodeURIComponent(sessionId)}`, { at: event.timestamp });
}
