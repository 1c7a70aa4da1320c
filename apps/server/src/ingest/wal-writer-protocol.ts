/** What the write-ahead log (main thread) and its writer thread (wal-writer.ts) tell each other. */
import type { MessagePort } from 'node:worker_threads';

export interface WalWriterSetup {
  dir: string;
  /** O_DSYNC (or fdatasync after each write): a write returns once it is on disk. */
  durable: boolean;
  /** The segment to open at start; later writes name their own. */
  segment: number;
  port: MessagePort;
  /** Published for the main thread to read between messages: see WRITTEN_SEQ and FAILED_WRITES. */
  written: Int32Array;
}

/** `written[WRITTEN_SEQ]`: the last write message on disk (every one before it is settled too). */
export const WRITTEN_SEQ = 0;
/** `written[FAILED_WRITES]`: 'failed' messages posted so far, counted before any later write is published. */
export const FAILED_WRITES = 1;

/** Bytes for the end of `segment`; `seq` numbers the message (the main thread's count, one more per message). */
export type ToWalWriter = { type: 'write'; seq: number; segment: number; bytes: Uint8Array } | { type: 'close' };

export type FromWalWriter =
  | { type: 'ready' }
  | { type: 'open-failed'; message: string }
  /** Every write message up to and including `seq` is on disk. */
  | { type: 'written'; seq: number }
  /** Write messages `from`..`to` failed; every later one for the same segment fails too. */
  | { type: 'failed'; from: number; to: number; segment: number; message: string }
  | { type: 'closed' };
