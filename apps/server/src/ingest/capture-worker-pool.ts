import { Worker } from 'node:worker_threads';
import { withBody, type CaptureProject, type CaptureRequestData, type DecodedCapture } from './decode-capture.js';
import type { IngestLimits } from './limits.js';

interface Pending {
  resolve: (result: DecodedCapture) => void;
  reject: (error: Error) => void;
}

interface Job extends Pending {
  id: number;
  data: CaptureRequestData;
}

/**
 * A turn with fewer jobs than this goes to one worker, in one message. What a message costs the main thread is mostly
 * waking the worker: on a 2-core VM under load, ~200 µs of the main thread's CPU time per message that woke a sleeping
 * worker (read from /proc/thread-self/schedstat around postMessage), of which serializing 8 jobs is ~15 µs.
 */
const SPREAD_MIN_JOBS = 8;

/** What a worker answers for one batch of jobs. */
export type DecodeAnswer = { id: number; result: DecodedCapture } | { id: number; error: string };

/**
 * Worker threads that decode and normalize capture requests, so parsing never blocks the thread that serves HTTP,
 * appends to the write-ahead log and flushes to the store. Requests go to the least busy worker.
 */
export class CaptureWorkerPool {
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private nextId = 0;
  /** Jobs of the current turn of the event loop, sent together when it ends. */
  private outbox: Job[] = [];

  /** `onWorkerError` hears of a worker that failed (to start or later); its requests fail, later ones go elsewhere. */
  constructor(size: number, limits: IngestLimits, onWorkerError: (error: Error) => void = () => {}) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./capture-worker-entry.mjs', import.meta.url), { workerData: { limits } });
      const pending = new Map<number, Pending>();
      worker.on('message', (answers: DecodeAnswer[]) => {
        for (const a of answers) {
          const p = pending.get(a.id);
          if (!p) continue;
          pending.delete(a.id);
          if ('error' in a) p.reject(new Error(a.error));
          else p.resolve(a.result);
        }
      });
      worker.on('error', (error) => {
        onWorkerError(error);
        for (const p of pending.values()) p.reject(error);
        pending.clear();
      });
      worker.on('exit', () => {
        const index = this.workers.findIndex((w) => w.worker === worker);
        if (index >= 0) this.workers.splice(index, 1);
      });
      worker.unref();
      this.workers.push({ worker, pending });
    }
  }

  /** Tells every worker which tokens name which project. */
  setProjects(projects: [string, CaptureProject][]): void {
    for (const { worker } of this.workers) worker.postMessage({ type: 'projects', projects });
  }

  /**
   * Replaces every worker's token map (after a token rotation or a settings change). Messages are ordered, so every
   * request handed to a worker after this call is decoded with the new map: a rotated token is refused at once.
   */
  replaceProjects(projects: [string, CaptureProject][]): void {
    for (const { worker } of this.workers) worker.postMessage({ type: 'projects', projects, replace: true });
  }

  /** False once every worker has died; callers then decode on the main thread. */
  get healthy(): boolean {
    return this.workers.length > 0;
  }

  /**
   * Decodes `data` in a worker. The requests that arrive in one turn of the event loop go to the workers in one message
   * per worker and come back in one; a turn of fewer than SPREAD_MIN_JOBS requests goes to one worker.
   */
  decode(data: CaptureRequestData): Promise<DecodedCapture> {
    return new Promise((resolve, reject) => {
      if (this.outbox.length === 0) setImmediate(() => this.send());
      this.outbox.push({ id: this.nextId++, data, resolve, reject });
    });
  }

  /**
   * Hands the outbox to the workers, one message per worker: a short outbox all to the worker with the fewest jobs in
   * hand, a longer one job by job to whichever has the fewest then.
   */
  private send(): void {
    const jobs = this.outbox;
    this.outbox = [];
    if (this.workers.length === 0) {
      for (const job of jobs) job.reject(new Error('no capture worker is running'));
      return;
    }
    const messages = new Map<Worker, { jobs: { id: number; data: unknown; body: ArrayBuffer }[]; transfer: ArrayBuffer[] }>();
    const leastBusy = () => this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const single = jobs.length < SPREAD_MIN_JOBS ? leastBusy() : null;
    for (const { id, data, resolve, reject } of jobs) {
      const target = single ?? leastBusy();
      target.pending.set(id, { resolve, reject });
      // A copy the worker can own: request bodies may share a pooled ArrayBuffer with other data.
      const body = new Uint8Array(data.raw.body).buffer;
      let message = messages.get(target.worker);
      if (!message) messages.set(target.worker, (message = { jobs: [], transfer: [] }));
      message.jobs.push({ id, data: withBody(data, null), body });
      message.transfer.push(body);
    }
    for (const [worker, { jobs: batch, transfer }] of messages) worker.postMessage({ type: 'decode', jobs: batch }, transfer);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
