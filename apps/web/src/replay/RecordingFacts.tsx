import type { SessionRecordingApi } from '@warren/shared/replay-api';
import { Link } from 'react-router';
import { exactTime } from '../activity/event-stream-model';
import { PersonRecordings } from './PersonRecordings';
import { clockTime, recordingPersonName } from './recording-format';

/** Beside the player: who was recorded, where and on what, and their other recordings (asked for once `started`). */
export function RecordingFacts({ projectId, recording, started }: { projectId: number; recording: SessionRecordingApi; started: boolean }) {
  const person = recording.person;
  const name = recordingPersonName(recording);
  const device = [recording.browser, recording.os, recording.device_type, recording.country_code].filter(Boolean).join(' · ');
  return (
    <aside className="replay-facts card" aria-label="About this recording">
      <h2>Person</h2>
      <p>
        {person ? <Link to={`/project/${projectId}/persons/${encodeURIComponent(person.uuid)}`}>{name}</Link> : name}
        {name !== recording.distinct_id && <span className="muted small mono"> {recording.distinct_id}</span>}
      </p>
      <dl className="replay-fact-list small">
        <dt>Started</dt>
        <dd>{exactTime(recording.start_time)}</dd>
        <dt>Duration</dt>
        <dd>
          {clockTime(recording.recording_duration * 1000)} ({clockTime(recording.active_seconds * 1000)} active)
        </dd>
        {recording.start_url && (
          <>
            <dt>Start URL</dt>
            <dd className="replay-url" title={recording.start_url}>
              {recording.start_url}
            </dd>
          </>
        )}
        {device && (
          <>
            <dt>Device</dt>
            <dd>{device}</dd>
          </>
        )}
        <dt>Kept until</dt>
        <dd>{new Date(recording.expiry_time).toLocaleDateString()}</dd>
      </dl>
      <h2>Their other recordings</h2>
      <PersonRecordings projectId={projectId} distinctIds={person?.distinct_ids ?? [recording.distinct_id]} exceptId={recording.id} limit={5} enabled={started} />
    </aside>
  );
}
