import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { AppError } from '../platform/app-error.js';
import { toQueryError } from '../query/query-errors.js';
import type { EventStore } from '../storage/event-store.js';
import { FILE_EXTENSIONS } from './export-input.js';
import { exportFilePath, runExportJob } from './export-job.js';
import type { ExportRecord, ExportRepository } from './export-repository.js';

export interface ExportRunnerOptions {
  /** Where files are written: `<dataDir>/exports`. */
  dir: string;
  /** Jobs running at once; the rest wait their turn (each job is one ClickHouse query at a time). */
  concurrency: number;
  /** How often expired exports are deleted. */
  sweepEveryMs: number;
}

export const RESTART_MESSAGE = 'Warren stopped while this export was running; create the export again.';
const PROGRESS_EVERY_MS = 1_000;

/**
 * Runs export jobs in the background, in creation order, a few at a time. A job interrupted by a stop or a crash
 * is marked failed when Warren starts again (its half-written file is deleted): an export is cheap to ask for
 * again, while resuming would need a cursor and a file format that can be appended to after a crash (Parquet
 * cannot). Jobs still queued at a stop simply run after the next start.
 */
export class ExportRunner {
  private readonly queue: ExportRecord[] = [];
  private readonly running = new Map<number, { abort: AbortController; done: Promise<void> }>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly repo: ExportRepository,
    private readonly store: EventStore,
    private readonly logger: Logger,
    private readonly options: ExportRunnerOptions,
  ) {}

  async start(): Promise<void> {
    await fs.promises.mkdir(this.options.dir, { recursive: true });
    // Spools of `/events/?format=csv` requests that a crash cut short; no request is in flight before start.
    await fs.promises.rm(path.join(this.options.dir, 'spool'), { recursive: true, force: true });
    for (const job of await this.repo.withStatus(['running'])) {
      await this.removeFile(job);
      await this.repo.finish(job.id, { status: 'failed', rowsExported: job.rowsExported, contentSize: 0, exception: RESTART_MESSAGE });
    }
    for (const job of await this.repo.withStatus(['queued'])) this.queue.push(job);
    this.pump();
    await this.sweep();
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.sweepEveryMs);
    this.sweepTimer.unref();
  }

  enqueue(job: ExportRecord): void {
    this.queue.push(job);
    this.pump();
  }

  /** Aborts running jobs (they end as failed) and waits for them; queued jobs stay queued for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const { abort } of this.running.values()) abort.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** Deletes exports (file and record) whose `expires_after` has passed. */
  async sweep(now = new Date()): Promise<number> {
    let deleted = 0;
    try {
      for (const job of await this.repo.expired(now)) {
        if (this.running.has(job.id)) continue;
        await this.removeFile(job);
        await this.repo.delete(job.id);
        deleted++;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'export cleanup failed');
    }
    return deleted;
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.options.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      const abort = new AbortController();
      const done = this.run(job, abort.signal).finally(() => {
        this.running.delete(job.id);
        this.pump();
      });
      this.running.set(job.id, { abort, done });
    }
  }

  private async run(job: ExportRecord, signal: AbortSignal): Promise<void> {
    const location = `export-${job.id}.${FILE_EXTENSIONS[job.format]}`;
    const file = exportFilePath(this.options.dir, location);
    let lastProgress = 0;
    let rowsSoFar = 0;
    try {
      await this.repo.markRunning(job.id, location);
      const started = performance.now();
      const { rows, bytes } = await runExportJob(this.store, {
        teamId: job.teamId,
        format: job.format,
        context: job.context,
        file,
        signal,
        onProgress: async (rows, bytes) => {
          rowsSoFar = rows;
          if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
          lastProgress = Date.now();
          await this.repo.progress(job.id, rows, bytes);
        },
      });
      await this.repo.finish(job.id, { status: 'complete', rowsExported: rows, contentSize: bytes, exception: null });
      this.logger.info({ exportId: job.id, rows, bytes, ms: Math.round(performance.now() - started) }, 'export complete');
    } catch (error) {
      const shaped = toQueryError(error);
      const message = signal.aborted ? RESTART_MESSAGE : shaped instanceof AppError ? shaped.detail : 'The export failed; see the server log.';
      if (!signal.aborted) this.logger.error({ err: error, exportId: job.id }, 'export failed');
      await fs.promises.rm(file, { force: true }).catch(() => undefined);
      await this.repo.finish(job.id, { status: 'failed', rowsExported: rowsSoFar, contentSize: 0, exception: message }).catch(() => undefined);
    }
  }

  private async removeFile(job: ExportRecord): Promise<void> {
    if (!job.contentLocation) return;
    const file = exportFilePath(this.options.dir, job.contentLocation);
    await fs.promises.rm(file, { force: true });
    await fs.promises.rm(`${file}.spool`, { force: true });
  }
}
