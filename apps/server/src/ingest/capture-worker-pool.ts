import { Worker } from 'node:worker_threads';
import { withBody, type CaptureProject, type CaptureRequestData, type DecodedCapture } from './decode-capture.js';
import type { IngestLimits } from './limits.js';

interface Pending {
  resolve: (result: DecodedCapture) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads that decode and normalize capture requests, so parsing never blocks the thread that serves HTTP,
 * appends to the write-ahead log and flushes to the store. Requests go to the least busy worker.
 */
export class CaptureWorkerPool {
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private nextId = 0;

  /** `onWorkerError` hears of a worker that failed (to start or later); its requests fail, later ones go elsewhere. */
  constructor(size: number, limits: IngestLimits, onWorkerError: (error: Error) => void = () => {}) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./capture-worker-entry.mjs', import.meta.url), { workerData: { limits } });
      const pending = new Map<number, Pending>();
      worker.on('message', (m: { id: number; result?: DecodedCapture; error?: string }) => {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.result!);
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

  decode(data: CaptureRequestData): Promise<DecodedCapture> {
    const target = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    const { body } = data.raw;
    // A copy the worker can own: request bodies may share a pooled ArrayBuffer with other data.
    const copy = new Uint8Array(body).buffer;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      target.worker.postMessage({ type: 'decode', id, data: withBody(data, null), body: copy }, [copy]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
