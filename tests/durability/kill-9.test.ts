/**
 * Crash safety of ingestion: a 200 means the event survives the process dying right after (kill -9), and a clean
 * shutdown (SIGTERM) writes everything acknowledged to the store before exiting. Nothing is stored twice.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { v7 as uuidV7 } from 'uuid';
import { eventually, hogql } from '../support/api-client.js';
import { metricValue, sqlString, uniqueName } from '../support/capture-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

const LOOPS = 4;
const EVENTS_PER_REQUEST = 50;
/** HogQL answers at most this many rows per query. */
const PAGE_ROWS = 50_000;
/** How long a SIGTERM may take to end the process (docker stop waits 10 s before SIGKILL). */
const SHUTDOWN_GRACE_MS = 10_000;

type CaptureEvent = { event: string; distinct_id: string; uuid: string; properties: { loop: number } };

interface Load {
  /** Uuids of every event whose request was answered 200. */
  acked: string[];
  /** The batches answered 200, as sent. */
  ackedBatches: CaptureEvent[][];
  /** Batches whose request failed (in flight when the server went away): a client would retry them. */
  failedBatches: CaptureEvent[][];
  /** Answers other than 200 (status -> count); a crash shows up as network errors, never here. */
  otherStatuses: Map<number, number>;
  /** Resolves once every loop has ended on its own (the server went away). */
  ended: Promise<void>;
}

/** Starts LOOPS concurrent loops posting /batch/ with fresh UUIDv7 events until the server is gone. */
function startLoad(warren: WarrenProcess, event: string): Load {
  const acked: string[] = [];
  const ackedBatches: CaptureEvent[][] = [];
  const failedBatches: CaptureEvent[][] = [];
  const otherStatuses = new Map<number, number>();
  const loop = async (n: number) => {
    for (;;) {
      const batch = Array.from({ length: EVENTS_PER_REQUEST }, () => ({ event, distinct_id: `loop-${n}`, uuid: uuidV7(), properties: { loop: n } }));
      let status: number;
      try {
        status = await postCapture(warren, batch);
      } catch {
        failedBatches.push(batch);
        return; // the server is gone (killed or shut down): this request was never acknowledged
      }
      if (status === 200) {
        acked.push(...batch.map((e) => e.uuid));
        ackedBatches.push(batch);
      } else otherStatuses.set(status, (otherStatuses.get(status) ?? 0) + 1);
    }
  };
  const ended = Promise.all(Array.from({ length: LOOPS }, (_, n) => loop(n))).then(() => undefined);
  return {
    acked,
    ackedBatches,
    failedBatches,
    otherStatuses,
    ended,
  };
}

async function postCapture(warren: WarrenProcess, batch: CaptureEvent[]): Promise<number> {
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_key: warren.token, batch }),
  });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Sends batches again as a retrying client would after a restart: the ones whose answer never came (they may or may
 * not be in the log) and a few that were answered (an answer lost on the way back looks the same to the server).
 * Returns the uuids now acknowledged.
 */
async function retryAfterRestart(warren: WarrenProcess, load: Load): Promise<string[]> {
  const batches = [...load.failedBatches, ...load.ackedBatches.slice(0, 4), ...load.ackedBatches.slice(-4)];
  for (const batch of batches) assert.equal(await postCapture(warren, batch), 200, 'a retried batch is accepted');
  return batches.flat().map((e) => e.uuid);
}

/** Stored count per uuid of every event with this name, read in pages (HogQL caps rows per answer). */
async function storedUuidCounts(warren: WarrenProcess, event: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let offset = 0; ; offset += PAGE_ROWS) {
    const page = await hogql(
      warren,
      `select toString(uuid), count() from events where event = ${sqlString(event)} group by uuid order by uuid limit ${PAGE_ROWS} offset ${offset}`,
    );
    for (const [uuid, count] of page.results) counts.set(String(uuid), Number(count));
    if (page.results.length < PAGE_ROWS) return counts;
  }
}

/** Asserts every acknowledged uuid is stored exactly once and no uuid at all is stored twice. */
async function assertStoredExactlyOnce(warren: WarrenProcess, event: string, acked: string[]): Promise<void> {
  // Replay after a crash is done before the server reports ready; the wait only covers the flush interval.
  const counts = await eventually(async () => {
    const c = await storedUuidCounts(warren, event);
    return acked.every((uuid) => c.has(uuid)) ? c : null;
  }, 20_000).catch(async (error: Error) => {
    const c = await storedUuidCounts(warren, event);
    const missing = acked.filter((uuid) => !c.has(uuid));
    assert.fail(`${missing.length} of ${acked.length} acknowledged events are missing (e.g. ${missing.slice(0, 3).join(', ')}): ${error.message}`);
  });
  const duplicated = [...counts].filter(([, count]) => count > 1);
  assert.deepEqual(duplicated.slice(0, 10), [], `${duplicated.length} uuids are stored more than once`);
  // Unacknowledged events may be stored too (durable before the answer was lost); acknowledged ones must be.
  assert.ok(counts.size >= new Set(acked).size);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('kill -9 during ingestion, twice in a row, loses no acknowledged event and stores none twice, even when retried', async (t) => {
  const event = uniqueName('crash');
  let warren = await spawnWarren();
  const dataDir = warren.dataDir;
  try {
    // Round 1: kill in the middle of a steady stream.
    const first = startLoad(warren, event);
    await sleep(1500);
    await warren.kill();
    await first.ended;
    assert.ok(first.acked.length > 0, 'some requests were acknowledged before the kill');
    assert.deepEqual([...first.otherStatuses], [], 'no answers other than 200 before the kill');

    // Round 2: restart (replaying the log), take more traffic, and kill again before it is all flushed.
    warren = await spawnWarren({ dataDir });
    t.diagnostic(`round 1: ${first.acked.length} acknowledged; replayed on restart: ${await metricValue(warren, 'warren_events_flushed_total')}`);
    const retried = await retryAfterRestart(warren, first);
    const second = startLoad(warren, event);
    await sleep(1000);
    await warren.kill();
    await second.ended;
    assert.ok(second.acked.length > 0, 'the restarted server acknowledged requests');
    assert.deepEqual([...second.otherStatuses], []);

    warren = await spawnWarren({ dataDir });
    t.diagnostic(`round 2: ${second.acked.length} acknowledged; replayed on restart: ${await metricValue(warren, 'warren_events_flushed_total')}`);
    const retriedAgain = await retryAfterRestart(warren, second);
    await assertStoredExactlyOnce(warren, event, [...first.acked, ...retried, ...second.acked, ...retriedAgain]);
  } finally {
    await warren.stop();
  }
});

test('SIGTERM writes every acknowledged event to the store before exiting', async () => {
  const event = uniqueName('sigterm');
  let warren = await spawnWarren();
  const dataDir = warren.dataDir;
  try {
    const load = startLoad(warren, event);
    await sleep(1000);
    // Stop while requests are in flight: those answered 200 must be in the store when the process has exited.
    const stopping = Date.now();
    await warren.stop();
    const shutdownMs = Date.now() - stopping;
    assert.equal(warren.child.exitCode, 0, `clean exit (signal: ${warren.child.signalCode}); output:\n${warren.output().slice(-2000)}`);
    await load.ended;
    assert.ok(load.acked.length > 0);
    // 503 would be acceptable while shutting down (never acknowledged); anything else is not.
    assert.deepEqual([...load.otherStatuses].filter(([status]) => status !== 503), []);

    warren = await spawnWarren({ dataDir });
    // Nothing is left in the write-ahead log to replay: the shutdown flushed it all.
    assert.equal(await metricValue(warren, 'warren_events_flushed_total'), 0, 'the restarted server had nothing to replay');
    await assertStoredExactlyOnce(warren, event, load.acked);
    // Checked last so that a slow shutdown does not hide whether the flush itself was right. Orchestrators send
    // SIGKILL about 10 s after SIGTERM (docker stop, Kubernetes' default grace is 30 s).
    assert.ok(shutdownMs < SHUTDOWN_GRACE_MS, `SIGTERM to exit took ${shutdownMs} ms while clients held keep-alive connections`);
  } finally {
    await warren.stop();
  }
});
