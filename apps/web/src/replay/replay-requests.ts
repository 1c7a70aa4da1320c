import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventsPageApi } from '@warren/shared/events-api';
import { parseSnapshotLines, type SessionRecordingApi, type SessionRecordingsListApi, type SnapshotLineApi, type SnapshotSourcesApi } from '@warren/shared/replay-api';
import { ApiError, api, withQuery } from '../api/api-client';
import { recordingsApiQuery, type RecordingsFilters } from './recordings-filter-model';
import { FOLLOW_INTERVAL_MS } from './snapshot-follow';

/** The session's events shown on the player's timeline: enough for a long, busy session, bounded by the API's page. */
const SESSION_EVENTS_LIMIT = 1000;
/** Events can be stamped a little before the first snapshot or after the last (SDK clocks, unload). */
const SESSION_EVENTS_MARGIN_MS = 60_000;

const recordingsPath = (projectId: number) => `/api/projects/${projectId}/session_recordings/`;
const recordingPath = (projectId: number, sessionId: string) => `${recordingsPath(projectId)}${encodeURIComponent(sessionId)}/`;

/** A page of the recordings list for these filters; the previous page stays on screen while the next loads. */
export function useRecordings(projectId: number, filters: RecordingsFilters) {
  return useQuery({
    queryKey: ['session_recordings', projectId, 'list', filters],
    queryFn: ({ signal }) => api.get<SessionRecordingsListApi>(recordingsPath(projectId), recordingsApiQuery(filters), signal),
    placeholderData: keepPreviousData,
  });
}

/** Up to `limit` recordings of these distinct ids (one person's), newest first; asked for once `enabled`. */
export function usePersonRecordings(projectId: number, distinctIds: readonly string[], limit: number, enabled = true) {
  return useQuery({
    queryKey: ['session_recordings', projectId, 'person', distinctIds, limit],
    queryFn: ({ signal }) =>
      api.get<SessionRecordingsListApi>(recordingsPath(projectId), { distinct_ids: JSON.stringify(distinctIds), date_from: '-90d', limit }, signal),
    enabled: enabled && distinctIds.length > 0,
  });
}

/** One recording's facts; read again every few seconds while it is ongoing, so its length and counts follow it. */
export function useRecording(projectId: number, sessionId: string) {
  return useQuery({
    queryKey: ['session_recordings', projectId, 'detail', sessionId],
    queryFn: ({ signal }) => api.get<SessionRecordingApi>(recordingPath(projectId, sessionId), undefined, signal),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
    refetchInterval: (query) => (query.state.data?.ongoing ? FOLLOW_INTERVAL_MS : false),
  });
}

/** Marks a recording viewed by the signed-in user; the lists refresh to show it. */
export function useMarkViewed(projectId: number, sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.patch<SessionRecordingApi>(recordingPath(projectId, sessionId), { viewed: true }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['session_recordings', projectId] }),
  });
}

/** The session's events (those carrying its `$session_id`) between its start and end, oldest first; asked for once `enabled`. */
export function useSessionEvents(projectId: number, recording: SessionRecordingApi | undefined, enabled = true) {
  return useQuery({
    queryKey: ['events', projectId, 'session', recording?.id],
    enabled: enabled && recording !== undefined,
    queryFn: async ({ signal }) => {
      const r = recording!;
      const page = await api.get<EventsPageApi>(
        `/api/projects/${projectId}/events/`,
        {
          properties: JSON.stringify([{ key: '$session_id', value: r.id, operator: 'exact', type: 'event' }]),
          after: new Date(Date.parse(r.start_time) - SESSION_EVENTS_MARGIN_MS).toISOString(),
          before: new Date(Date.parse(r.end_time) + SESSION_EVENTS_MARGIN_MS).toISOString(),
          limit: SESSION_EVENTS_LIMIT,
        },
        signal,
      );
      return [...page.results].reverse();
    },
  });
}

/** The snapshot blocks of a recording, in time order (step one of the snapshots protocol). */
export async function fetchSnapshotSources(projectId: number, sessionId: string, signal?: AbortSignal): Promise<SnapshotSourcesApi> {
  return api.get<SnapshotSourcesApi>(`${recordingPath(projectId, sessionId)}snapshots/`, undefined, signal);
}

/** One block's lines (step two): JSON lines, which the JSON client cannot read, so fetched as text here. */
export async function fetchSnapshotBlock(projectId: number, sessionId: string, blobKey: string, signal?: AbortSignal): Promise<SnapshotLineApi[]> {
  const url = withQuery(`${recordingPath(projectId, sessionId)}snapshots/`, { source: 'blob_v2', blob_key: blobKey });
  const res = await fetch(url, { credentials: 'same-origin', signal, headers: { accept: 'application/jsonl, application/json' } });
  const text = await res.text();
  if (!res.ok) {
    let body: { code?: string; detail?: string; attr?: string | null } = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = { detail: text || res.statusText };
    }
    throw new ApiError(res.status, body.code ?? `http_${res.status}`, body.detail ?? res.statusText, body.attr ?? null);
  }
  return parseSnapshotLines(text);
}
