/**
 * The write-ahead log's writer thread (write-ahead-log.ts starts it). It owns the open segment, and writes what the
 * main thread posts with blocking, durable writes: the waits for the disk are this thread's, never the event loop's.
 *
 * Every write message that arrived while a write was under way goes out in the next single write (group commit), and
 * the thread goes back to sleep only when no message waits. Under load it seldom sleeps, so the main thread's posts
 * seldom have to wake it: waking a sleeping thread is what a hand-off costs most (see write-ahead-log.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { openSegment, segmentName, WRITES_SYNC } from './wal-segments.js';
import { FAILED_WRITES, WRITTEN_SEQ, type FromWalWriter, type ToWalWriter, type WalWriterSetup } from './wal-writer-protocol.js';

type WriteMessage = Extract<ToWalWriter, { type: 'write' }>;

const setup = workerData as WalWriterSetup;
const port = setup.port;
const post = (message: FromWalWriter) => port.postMessage(message);

let segment = setup.segment;
let fd: number | null = null;
/** A segment a write failed in: what follows in it would sit behind a torn record, so it is never written again. */
let failedSegment = -1;

try {
  fd = openSegment(path.join(setup.dir, segmentName(segment)), setup.durable);
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'open-failed', message: (error as Error).message });
}

port.on('message', (first: ToWalWriter) => {
  let messages: ToWalWriter[] = [first];
  while (messages.length > 0) {
    handle(messages);
    // What arrived during the write: written at once, without a return to the event loop (and a sleep in it).
    messages = queued();
  }
});

function queued(): ToWalWriter[] {
  const out: ToWalWriter[] = [];
  for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) out.push(received.message as ToWalWriter);
  return out;
}

function handle(messages: ToWalWriter[]): void {
  let group: WriteMessage[] = [];
  for (const message of messages) {
    if (message.type === 'close') {
      writeGroup(group);
      group = [];
      if (fd !== null) fs.closeSync(fd);
      fd = null;
      post({ type: 'closed' });
      port.close();
      return;
    }
    if (group.length > 0 && group[0].segment !== message.segment) {
      writeGroup(group);
      group = [];
    }
    group.push(message);
  }
  writeGroup(group);
}

/** Writes messages for one segment in one write, then says so (or says they failed). */
function writeGroup(group: WriteMessage[]): void {
  if (group.length === 0) return;
  const from = group[0].seq;
  const to = group[group.length - 1].seq;
  const target = group[0].segment;
  try {
    if (target === failedSegment) throw new Error(`an earlier write to write-ahead log segment ${target} failed`);
    if (fd === null || target !== segment) {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
      fd = openSegment(path.join(setup.dir, segmentName(target)), setup.durable);
      segment = target;
    }
    const bytes = group.length === 1 ? group[0].bytes : Buffer.concat(group.map((m) => m.bytes));
    let written = 0;
    while (written < bytes.byteLength) written += fs.writeSync(fd, bytes, written, bytes.byteLength - written);
    if (setup.durable && !WRITES_SYNC) fs.fdatasyncSync(fd);
    Atomics.store(setup.written, WRITTEN_SEQ, to);
    post({ type: 'written', seq: to });
  } catch (error) {
    failedSegment = target;
    if (fd !== null && segment === target) {
      try {
        fs.closeSync(fd);
      } catch {
        // already unusable
      }
      fd = null;
    }
    Atomics.add(setup.written, FAILED_WRITES, 1);
    post({ type: 'failed', from, to, segment: target, message: (error as Error).message });
  }
}
