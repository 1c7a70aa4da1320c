import type { ReactNode } from 'react';
import { clockTime } from './recording-format';
import { SPEEDS, type Player } from './use-replayer';

/**
 * Play / pause, the clock, the speed and whether inactivity is skipped; `children` add controls of the recording's own.
 * `live`: the recording is still going on, so reaching its end waits for what it records next.
 */
export function PlayerControls({ player, durationMs, live = false, children }: { player: Player; durationMs: number; live?: boolean; children?: ReactNode }) {
  const playing = player.status === 'playing' || player.status === 'buffering';
  const ready = player.status !== 'loading';
  return (
    <div className="replay-controls">
      <button type="button" className="primary replay-play" disabled={!ready} onClick={playing ? player.pause : player.play}>
        {playing ? 'Pause' : player.status === 'ended' ? 'Replay' : 'Play'}
      </button>
      <span className="replay-clock mono" aria-label="Position">
        {clockTime(player.currentMs)} / {clockTime(durationMs)}
      </span>
      <div role="group" aria-label="Speed" className="replay-speeds">
        {SPEEDS.map((s) => (
          <button key={s} type="button" className="small" aria-pressed={player.speed === s} onClick={() => player.setSpeed(s)}>
            {s}×
          </button>
        ))}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={player.skipInactive} onChange={(e) => player.setSkipInactive(e.target.checked)} />
        Skip inactivity
      </label>
      {children}
      <span className="muted small" role="status">
        {player.status === 'buffering' ? (live ? 'Waiting for the recording to go on…' : 'Loading more of the recording…') : player.skipping ? 'Skipping inactivity…' : player.status === 'ended' ? 'End of recording' : ''}
      </span>
    </div>
  );
}
