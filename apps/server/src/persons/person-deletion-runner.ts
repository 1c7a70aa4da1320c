import type { Logger } from 'pino';
import type { EventStore } from '../storage/event-store.js';
import { eraseEvents, eraseRecordings } from './event-store-erasure.js';
import type { PersonDeletion, PersonDeletionRepository } from './person-deletion-repository.js';

export interface RunnerOptions {
  /** Deletions taken from the queue at a time. */
  batchSize?: number;
  /** Wait before trying failed deletions again. */
  retryMs?: number;
}

/**
 * Works off the person deletion queue in the background: deletions asked for together (same project, same time,
 * same options) become one DELETE per table. A deletion is marked verified only after its statements succeeded;
 * failures stay queued and are retried, also after a restart (`start` resumes the queue).
 */
export class PersonDeletionRunner {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly batchSize: number;
  private readonly retryMs: number;

  constructor(
    private readonly queue: PersonDeletionRepository,
    private readonly store: EventStore,
    private readonly log: Logger,
    options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.retryMs = options.retryMs ?? 30_000;
  }

  start(): void {
    this.kick();
  }

  /** Processes the queue now (or right after the pass in progress). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.retryLater(error))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no pass is running (tests wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.idle();
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const pending = await this.queue.pending(this.batchSize);
      if (pending.length === 0) return;
      let failed = 0;
      for (const group of groupsOf(pending)) {
        const ids = group.map((d) => d.id);
        try {
          await this.erase(group);
          await this.queue.markVerified(ids, new Date().toISOString());
        } catch (error) {
          failed += 1;
          this.log.error({ err: error, deletions: ids.length, teamId: group[0].teamId }, 'person data deletion failed; will retry');
          await this.queue.markFailed(ids, (error as Error).message ?? String(error));
        }
      }
      if (failed > 0) return this.retryLater(null);
    }
  }

  private async erase(group: PersonDeletion[]): Promise<void> {
    const first = group[0];
    const target = {
      teamId: first.teamId,
      personUuids: group.map((d) => d.personUuid),
      distinctIds: [...new Set(group.flatMap((d) => d.distinctIds))],
      storedUpTo: first.createdAt,
    };
    if (first.deleteEvents) await eraseEvents(this.store, target);
    if (first.deleteRecordings) await eraseRecordings(this.store, target);
  }

  private retryLater(error: unknown): void {
    if (error) this.log.error({ err: error }, 'person data deletion queue could not be read; will retry');
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, this.retryMs);
    this.retryTimer.unref();
  }
}

/** Deletions that can share statements: same project, asked for at the same time with the same options. */
function groupsOf(deletions: PersonDeletion[]): PersonDeletion[][] {
  const groups = new Map<string, PersonDeletion[]>();
  for (const d of deletions) {
    const key = `${d.teamId}|${d.createdAt}|${d.deleteEvents}|${d.deleteRecordings}`;
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  return [...groups.values()];
}
