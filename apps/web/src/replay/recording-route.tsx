import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/api-client';
import { useProjectId } from '../app/use-project-id';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { RecordingFacts } from './RecordingFacts';
import { recordingPersonName } from './recording-format';
import { RecordingPlayer } from './RecordingPlayer';
import { useMarkViewed, useRecording } from './replay-requests';
import { startOffsetMs } from './timeline-model';
import { snapshotsStarted, useSnapshots } from './use-snapshots';
import { recordedWindows } from './rrweb-events';
import './replay.css';

/**
 * One recording played back. The recording's facts and its first snapshot block are fetched at once, so playback
 * starts on the first block while the rest load behind it. `?t=` (ms) or `?at=` (an event's time) picks the moment.
 */
export function Component() {
  const projectId = useProjectId();
  const sessionId = useParams().sessionId ?? '';
  const [params] = useSearchParams();
  const recording = useRecording(projectId, sessionId);
  const snapshots = useSnapshots(projectId, sessionId, recording.data?.ongoing === true);
  const markViewed = useMarkViewed(projectId, sessionId);
  const started = snapshotsStarted(snapshots);
  const windows = useMemo(() => recordedWindows(snapshots.blocks), [snapshots.blocks]);
  // A window picked by the viewer, and where they were when they picked it (the player starts afresh on it).
  const [picked, setPicked] = useState<{ windowId: string; atMs: number } | null>(null);
  const windowId = picked?.windowId ?? windows[0] ?? null;
  const back = <Link to={`/project/${projectId}/replay`}>← All recordings</Link>;

  useEffect(() => {
    if (started && recording.data && !recording.data.viewed && markViewed.isIdle) markViewed.mutate();
  }, [recording.data, started]);

  if (recording.isPending) return <Spinner label="Loading the recording" />;
  if (recording.error) {
    const missing = recording.error instanceof ApiError && recording.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? 'Recording not found' : 'Recording'}>{back}</PageHeader>
        {missing ? (
          <EmptyState title="This recording does not exist">It may have expired or been deleted, or the link belongs to another project.</EmptyState>
        ) : (
          <ErrorNotice error={recording.error} />
        )}
      </>
    );
  }
  const r = recording.data;
  const initialOffsetMs = picked?.atMs ?? startOffsetMs({ t: params.get('t'), at: params.get('at') }, Date.parse(r.start_time));
  return (
    <>
      <PageHeader title={`Recording of ${recordingPersonName(r)}`}>
        {back}
        {r.ongoing && <span className="badge badge-success">Ongoing</span>}
      </PageHeader>
      <div className="replay-layout">
        <RecordingPlayer
          key={`${r.id}:${windowId}`}
          projectId={projectId}
          recording={r}
          snapshots={snapshots}
          initialOffsetMs={initialOffsetMs}
          windows={windows}
          windowId={windowId}
          onWindowChange={(id, atMs) => setPicked({ windowId: id, atMs })}
        />
        <RecordingFacts projectId={projectId} recording={r} started={started} />
      </div>
    </>
  );
}
