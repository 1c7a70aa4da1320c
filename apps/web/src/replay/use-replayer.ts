import { Replayer } from '@rrweb/replay';
import '@rrweb/replay/dist/style.css';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { canStartPlayback, inTimeOrder, type RrwebEvent } from './rrweb-events';

/** The playback speeds offered, as PostHog's player offers them. */
export const SPEEDS = [1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

/** How often the shown time follows the player while it plays: smooth enough for a clock, cheap for React. */
const TICK_MS = 100;
/** A finish this close to the recording's end is its end, not a pause for blocks still loading. */
const END_SLACK_MS = 1_000;

export type PlayerStatus = 'loading' | 'playing' | 'paused' | 'buffering' | 'ended';

export interface PlayerOptions {
  /** Epoch ms the recording starts at (the API's start_time); every offset here counts from it. */
  startMs: number;
  durationMs: number;
  /** Where to start playing, in ms from the start. */
  initialOffsetMs: number;
  /** Whether every block is in (until then, reaching the end of what is loaded waits for more). */
  complete: boolean;
  /** The recording is still going on: its end is only where it has got to, so playback waits there for more. */
  live?: boolean;
}

export interface Player {
  status: PlayerStatus;
  /** Milliseconds from the start of the recording. */
  currentMs: number;
  speed: Speed;
  setSpeed: (speed: Speed) => void;
  skipInactive: boolean;
  setSkipInactive: (skip: boolean) => void;
  /** True while the player fast-forwards through a stretch without user activity. */
  skipping: boolean;
  /** The recorded viewport, once known. */
  viewport: { width: number; height: number } | null;
  play: () => void;
  pause: () => void;
  seek: (offsetMs: number) => void;
}

/**
 * rrweb's Replayer mounted in `mount`, fed block by block: it starts as soon as the blocks in hold a full snapshot and
 * takes later blocks with `addEvent` while it plays. Offsets are kept from the API's start time, so the timeline, the
 * console and the URL agree whatever the first loaded event is. A start or seek beyond what is loaded needs nothing
 * of its own: the Replayer waits there, and events added before that moment are applied at once when they arrive.
 */
export function useReplayer(mount: RefObject<HTMLDivElement | null>, blocks: readonly RrwebEvent[][], options: PlayerOptions): Player {
  const replayer = useRef<Replayer | null>(null);
  const fed = useRef(0);
  /** Replayer time = our offset - delta (the Replayer counts from the first event it was given). */
  const delta = useRef(0);
  const [status, setStatusState] = useState<PlayerStatus>('loading');
  // Read by the Replayer's callbacks and the feeding effect, which must see a change before the next render.
  const statusRef = useRef(status);
  const setStatus = (next: PlayerStatus) => {
    statusRef.current = next;
    setStatusState(next);
  };
  const [currentMs, setCurrentMs] = useState(options.initialOffsetMs);
  const [speed, setSpeedState] = useState<Speed>(1);
  const [skipInactive, setSkipInactiveState] = useState(true);
  const [skipping, setSkipping] = useState(false);
  const [viewport, setViewport] = useState<{ width: number; height: number } | null>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const now = () => (replayer.current ? replayer.current.getCurrentTime() + delta.current : currentMs);

  useEffect(() => {
    const root = mount.current;
    if (!root) return;
    if (!replayer.current) {
      const events = inTimeOrder(blocks.flat());
      if (!canStartPlayback(events)) return;
      fed.current = blocks.length;
      const r = createReplayer(root, events, { skipInactive, speed }, {
        onViewport: setViewport,
        onSkipping: setSkipping,
        onFinish: () => {
          // A seek while paused applies every event up to there, and casting the last one loaded also "finishes".
          if (statusRef.current !== 'playing') return;
          const at = r.getCurrentTime() + delta.current;
          setCurrentMs(at);
          const { complete, durationMs, live } = optionsRef.current;
          setStatus(complete || (!live && at >= durationMs - END_SLACK_MS) ? 'ended' : 'buffering');
        },
      });
      replayer.current = r;
      delta.current = r.getMetaData().startTime - optionsRef.current.startMs;
      r.play(Math.max(0, optionsRef.current.initialOffsetMs - delta.current));
      setStatus('playing');
      return;
    }
    const r = replayer.current;
    for (const block of blocks.slice(fed.current)) for (const event of block) r.addEvent(event as never);
    fed.current = blocks.length;
    // Playback that ran out of loaded events goes on from where it stopped.
    if (statusRef.current === 'buffering') {
      const at = r.getCurrentTime();
      queueMicrotask(() => r.play(at));
      setStatus('playing');
    }
  }, [blocks]);

  // The last blocks came in empty: nothing more will arrive for playback that was waiting.
  useEffect(() => {
    if (options.complete && statusRef.current === 'buffering') setStatus('ended');
  }, [options.complete]);

  useEffect(() => {
    if (status !== 'playing') return;
    const timer = setInterval(() => setCurrentMs(now()), TICK_MS);
    return () => clearInterval(timer);
  }, [status]);

  useEffect(
    () => () => {
      replayer.current?.pause();
      replayer.current?.destroy();
      replayer.current = null;
    },
    [],
  );

  const toReplayer = (offsetMs: number) => Math.max(0, offsetMs - delta.current);
  return {
    status,
    currentMs,
    speed,
    setSpeed(next) {
      setSpeedState(next);
      replayer.current?.setConfig({ speed: next });
    },
    skipInactive,
    setSkipInactive(next) {
      setSkipInactiveState(next);
      replayer.current?.setConfig({ skipInactive: next });
    },
    skipping,
    viewport,
    play() {
      const r = replayer.current;
      if (!r) return;
      const from = statusRef.current === 'ended' ? 0 : now();
      r.play(toReplayer(from));
      setCurrentMs(from);
      setStatus('playing');
    },
    pause() {
      const r = replayer.current;
      if (!r) return;
      r.pause();
      setCurrentMs(now());
      setStatus('paused');
    },
    seek(offsetMs) {
      const r = replayer.current;
      const at = Math.min(Math.max(0, offsetMs), options.durationMs);
      setCurrentMs(at);
      if (!r) return;
      if (statusRef.current === 'playing' || statusRef.current === 'buffering') {
        r.play(toReplayer(at));
        setStatus('playing');
      } else {
        r.pause(toReplayer(at));
        setStatus('paused');
      }
    },
  };
}

interface ReplayerHandlers {
  onViewport: (viewport: { width: number; height: number }) => void;
  onSkipping: (skipping: boolean) => void;
  /** Playback reached the last event given so far. */
  onFinish: () => void;
}

/**
 * A Replayer on `root` that reports the recorded viewport, skipping, and finishing, and marks its first drawn page:
 * `performance.mark('replay-first-frame')` (timed from navigation) and `data-first-frame` on the mount.
 */
function createReplayer(root: HTMLDivElement, events: RrwebEvent[], settings: { skipInactive: boolean; speed: number }, handlers: ReplayerHandlers): Replayer {
  const r = new Replayer(events as never[], { root, ...settings, showWarning: false, mouseTail: false, triggerFocus: false });
  r.on('resize', (dims) => handlers.onViewport(dims as { width: number; height: number }));
  r.on('skip-start', () => handlers.onSkipping(true));
  r.on('skip-end', () => handlers.onSkipping(false));
  r.on('fullsnapshot-rebuilded', () => {
    if (performance.getEntriesByName('replay-first-frame').length === 0) performance.mark('replay-first-frame');
    root.dataset.firstFrame = 'true';
  });
  r.on('finish', handlers.onFinish);
  return r;
}
