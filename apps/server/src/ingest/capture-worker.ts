import { parentPort, workerData } from 'node:worker_threads';
import { decodeCapture, withBody, type CaptureProject, type CaptureRequestData } from './decode-capture.js';
import type { DecodeAnswer } from './capture-worker-pool.js';
import type { IngestLimits } from './limits.js';
import { transferable } from './row-block.js';

/** Worker thread: decodes capture requests off the main event loop. Projects arrive by message from the main thread. */
type Message =
  | { type: 'projects'; projects: [string, CaptureProject][]; replace?: boolean }
  | { type: 'decode'; jobs: { id: number; data: CaptureRequestData; body: ArrayBuffer }[] };

const limits = workerData.limits as IngestLimits;
const projects = new Map<string, CaptureProject>();

parentPort!.on('message', (message: Message) => {
  if (message.type === 'projects') {
    if (message.replace) projects.clear();
    for (const [token, project] of message.projects) projects.set(token, project);
    return;
  }
  const answers: DecodeAnswer[] = [];
  // The records' buffers move to the main thread instead of being copied there.
  const transfer: ArrayBuffer[] = [];
  for (const job of message.jobs) {
    try {
      const result = decodeCapture(withBody(job.data, Buffer.from(job.body)), (t) => projects.get(t) ?? null, limits);
      if (result.kind === 'events') {
        const { record } = result;
        record.head = transferable(record.head);
        record.rows = { bytes: transferable(record.rows.bytes), ends: record.rows.ends };
        transfer.push(record.head.buffer as ArrayBuffer, record.rows.bytes.buffer as ArrayBuffer, record.rows.ends.buffer as ArrayBuffer);
      }
      answers.push({ id: job.id, result });
    } catch (error) {
      answers.push({ id: job.id, error: (error as Error).stack ?? String(error) });
    }
  }
  parentPort!.postMessage(answers, transfer);
});
