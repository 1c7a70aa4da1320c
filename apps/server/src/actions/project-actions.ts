import type { ActionDefinition } from '@warren/query/insights/insight-context';
import type { ActionRepository } from './action-repository.js';

const TTL_MS = 10_000;
const MAX_PROJECTS = 1_000;

/**
 * The live actions of each project as insight queries see them, cached briefly (a burst of dashboard queries reads
 * the table once) and dropped on every write through this server.
 */
export class ProjectActions {
  private readonly cache = new Map<number, { at: number; actions: ReadonlyMap<number, ActionDefinition> }>();

  constructor(
    private readonly repository: Pick<ActionRepository, 'live'>,
    private readonly now: () => number = Date.now,
  ) {}

  async forProject(teamId: number): Promise<ReadonlyMap<number, ActionDefinition>> {
    const hit = this.cache.get(teamId);
    if (hit && this.now() - hit.at < TTL_MS) return hit.actions;
    const live = await this.repository.live(teamId);
    const actions = new Map(live.map((a) => [a.id, { id: a.id, name: a.name, steps: a.steps }]));
    if (this.cache.size >= MAX_PROJECTS) this.cache.clear();
    this.cache.set(teamId, { at: this.now(), actions });
    return actions;
  }

  invalidate(teamId: number): void {
    this.cache.delete(teamId);
  }
}
