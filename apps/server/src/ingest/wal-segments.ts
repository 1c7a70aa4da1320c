import fs from 'node:fs';

/** A segment's file name: its number, zero-padded so names sort in order. */
export const segmentName = (n: number): string => `${String(n).padStart(12, '0')}.wal`;

/** Whether this platform opens files with O_DSYNC (Linux and macOS do; elsewhere each write is followed by fdatasync). */
export const WRITES_SYNC = fs.constants.O_DSYNC !== undefined;

/**
 * A segment opened for appends. With `durable`, O_DSYNC: each write returns once its data is on disk, what write then
 * fdatasync gave, in one call instead of two.
 */
export function openSegment(file: string, durable: boolean): number {
  const { O_APPEND, O_CREAT, O_WRONLY, O_DSYNC } = fs.constants;
  return fs.openSync(file, O_APPEND | O_CREAT | O_WRONLY | (durable && WRITES_SYNC ? O_DSYNC : 0), 0o644);
}
