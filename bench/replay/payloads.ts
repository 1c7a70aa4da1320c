/**
 * The `/s/` request bodies of the benchmark: posthog-js-shaped `$snapshot` batches (gzip, `text/plain`, rrweb fields
 * compressed with `cv: "2024-10"`) from generated recordings, one distinct session per seed. Every body is distinct
 * (its own `$snapshot` uuids), so a pool at least as long as a run sends nothing the server would deduplicate.
 */
import { generateRecording, snapshotRequestBodies } from '../../tests/support/rrweb-recording-generator.js';

export interface SnapshotPayload {
  body: Buffer;
  /** Bytes of the JSON before gzip (what the SDK serialized). */
  jsonBytes: number;
}

export interface PayloadPoolOptions {
  token: string;
  /** At least this many bodies: whole recordings are generated until the pool holds them. */
  minRequests: number;
  recordingMinutes: number;
  /** The first recording's seed; the next ones count up from it. */
  seed: number;
}

/** The headers posthog-js sends with a gzip body (it labels it text/plain and sets no content-encoding). */
export const SNAPSHOT_HEADERS = {
  'content-type': 'text/plain',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  origin: 'https://shop.example.com',
};

/** Bodies of whole generated recordings, in each recording's sending order, recording after recording. */
export function buildPayloadPool(options: PayloadPoolOptions): SnapshotPayload[] {
  const pool: SnapshotPayload[] = [];
  const startMs = Date.now() - options.recordingMinutes * 60_000 - 60_000;
  for (let seed = options.seed; pool.length < options.minRequests; seed++) {
    const recording = generateRecording({ seed, token: options.token, durationMs: options.recordingMinutes * 60_000, startMs: startMs + (seed % 1000) * 1000 });
    // A copy: zlib hands back a view of a 16 kB output chunk, which tens of thousands of bodies would keep alive.
    for (const { body, jsonBytes } of snapshotRequestBodies(recording)) pool.push({ body: Buffer.from(body), jsonBytes });
  }
  return pool;
}
