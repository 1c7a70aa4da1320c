import type { SessionRecordingApi } from '@warren/shared/replay-api';
import { useId, useMemo, useRef } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { ConsolePane } from './ConsolePane';
import { NetworkPane } from './NetworkPane';
import { PlayerControls } from './PlayerControls';
import { PlayerInspector } from './PlayerInspector';
import { useSessionEvents } from './replay-requests';
import { ReplayStage } from './ReplayStage';
import { SessionEventsPane } from './SessionEventsPane';
import { Timeline } from './Timeline';
import { eventMarks, recordingMarks } from './timeline-model';
import { useReplayer } from './use-replayer';
import { snapshotsStarted, type SnapshotsState } from './use-snapshots';

interface Props {
  projectId: number;
  recording: SessionRecordingApi;
  snapshots: SnapshotsState;
  initialOffsetMs: number;
  /** The browser windows (tabs) the session recorded, and the one played: each tab's page is its own. */
  windows: string[];
  windowId: string | null;
  onWindowChange: (windowId: string, atMs: number) => void;
}

/** The player: the recorded page, its timeline and controls, and the session's events, console and network beneath. */
export function RecordingPlayer({ projectId, recording, snapshots, initialOffsetMs, windows, windowId, onWindowChange }: Props) {
  const mount = useRef<HTMLDivElement>(null);
  const id = useId();
  const startMs = Date.parse(recording.start_time);
  const lastLoaded = snapshots.blocks.at(-1)?.at(-1)?.event.timestamp;
  // An ongoing recording grows past the end its facts gave when they were read.
  const durationMs = Math.max(Date.parse(recording.end_time) - startMs, recording.recording_duration * 1000, lastLoaded === undefined ? 0 : lastLoaded - startMs);
  const windowBlocks = useMemo(() => snapshots.blocks.map((block) => block.filter((e) => e.windowId === windowId).map((e) => e.event)), [snapshots.blocks, windowId]);
  const player = useReplayer(mount, windowBlocks, { startMs, durationMs, initialOffsetMs, complete: snapshots.done && !snapshots.following, live: snapshots.following });
  const events = useSessionEvents(projectId, recording, snapshotsStarted(snapshots));

  const loadedMs = snapshots.done ? durationMs : lastLoaded === undefined ? 0 : lastLoaded - startMs;
  const marks = useMemo(
    () => [...eventMarks(events.data ?? [], startMs), ...recordingMarks(snapshots.clicks, snapshots.console, startMs)],
    [events.data, snapshots.clicks, snapshots.console, startMs],
  );
  const overlay = snapshots.error
    ? null
    : player.status === 'loading'
      ? snapshots.done
        ? 'This recording has no page to show (no full snapshot was recorded).'
        : 'Loading the recording…'
      : null;
  const errors = snapshots.console.filter((c) => c.level === 'error').length;

  return (
    <div className="stack">
      {snapshots.error ? <ErrorNotice error={snapshots.error} title="The recording could not be loaded" /> : null}
      <section className="replay-player" aria-label="Player" data-status={player.status}>
        <ReplayStage mount={mount} viewport={player.viewport} overlay={overlay} />
        <Timeline durationMs={durationMs} currentMs={player.currentMs} loadedMs={loadedMs} marks={marks} onSeek={player.seek} />
        <PlayerControls player={player} durationMs={durationMs} live={snapshots.following}>
          {windows.length > 1 && (
            <span className="row small">
              <label htmlFor={`${id}-window`}>Window</label>
              <select id={`${id}-window`} value={windowId ?? ''} onChange={(e) => onWindowChange(e.target.value, player.currentMs)}>
                {windows.map((w, i) => (
                  <option key={w} value={w}>
                    Tab {i + 1}
                  </option>
                ))}
              </select>
            </span>
          )}
        </PlayerControls>
      </section>
      <PlayerInspector
        tabs={[
          {
            id: 'events',
            label: 'Events',
            badge: events.data ? String(events.data.length) : undefined,
            content: <SessionEventsPane events={events.data} loading={events.isPending} startMs={startMs} currentMs={player.currentMs} onSeek={player.seek} />,
          },
          {
            id: 'console',
            label: 'Console',
            badge: errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : String(snapshots.console.length),
            content: <ConsolePane entries={snapshots.console} startMs={startMs} currentMs={player.currentMs} onSeek={player.seek} />,
          },
          {
            id: 'network',
            label: 'Network',
            badge: String(snapshots.network.length),
            content: <NetworkPane entries={snapshots.network} startMs={startMs} currentMs={player.currentMs} onSeek={player.seek} />,
          },
        ]}
      />
    </div>
  );
}
