import type { ExperimentConclusion } from '@warren/shared/experiments-api';
import { validationError } from '../platform/app-error.js';
import { checkFlagEligible } from './experiment-flag-filters.js';
import type { ExperimentFlagWriter } from './experiment-flag-writer.js';
import { bodyObject, conclusionOf } from './experiment-input.js';
import type { ExperimentLifecycle } from './experiment-lifecycle.js';
import type { ExperimentRecord } from './experiment-repository.js';
import { experimentStatus } from './experiment-view.js';

/** The action names of PostHog's newer one-step transitions (`POST /experiments/:id/<action>/`). */
export const EXPERIMENT_ACTIONS = ['launch', 'end', 'archive', 'pause', 'resume', 'reset'] as const;
export type ExperimentAction = (typeof EXPERIMENT_ACTIONS)[number];

/**
 * PostHog's one-step transitions, the same state changes a PATCH can make, checked against the experiment's state:
 * launch (start now, flag on), end (stop now, flag untouched), archive (ended only), pause / resume (flag off / on
 * while running), reset (back to draft; the flag is left as it is).
 */
export class ExperimentActions {
  constructor(
    private readonly lifecycle: ExperimentLifecycle,
    private readonly flagWriter: ExperimentFlagWriter,
  ) {}

  async apply(action: ExperimentAction, teamId: number, current: ExperimentRecord, rawBody: unknown, userId: number | null): Promise<ExperimentRecord> {
    const status = experimentStatus(current);
    const now = new Date().toISOString();
    const flag = await this.lifecycle.flagOf(teamId, current);
    switch (action) {
      case 'launch':
        if (status !== 'draft') throw validationError('Experiment has already been launched.');
        checkFlagEligible(flag.filters);
        await this.flagWriter.change(teamId, flag, { active: true }, userId);
        return this.lifecycle.save(teamId, current, { ...current, startDate: now }, userId);
      case 'end': {
        if (status !== 'running') throw validationError('Experiment is not running.');
        const verdict = verdictOf(rawBody, current);
        return this.lifecycle.save(teamId, current, { ...current, endDate: now, ...verdict }, userId);
      }
      case 'archive':
        if (current.archived) throw validationError('Experiment is already archived.');
        if (status !== 'complete') throw validationError('Only an ended experiment can be archived.');
        return this.lifecycle.save(teamId, current, { ...current, archived: true }, userId);
      case 'pause':
      case 'resume': {
        const pausing = action === 'pause';
        if (status !== 'running') throw validationError('Experiment is not running.');
        if (flag.active !== pausing) throw validationError(pausing ? 'Experiment is already paused.' : 'Experiment is not paused.');
        await this.flagWriter.change(teamId, flag, { active: !pausing }, userId);
        return this.lifecycle.save(teamId, current, current, userId);
      }
      case 'reset':
        if (status === 'draft') throw validationError('Experiment is already a draft.');
        return this.lifecycle.save(teamId, current, { ...current, startDate: null, endDate: null, conclusion: null, conclusionComment: null, archived: false }, userId);
    }
  }
}

function verdictOf(rawBody: unknown, current: ExperimentRecord): { conclusion: ExperimentConclusion | null; conclusionComment: string | null } {
  const body = bodyObject(rawBody);
  const comment = body.conclusion_comment;
  if (comment !== undefined && comment !== null && typeof comment !== 'string') throw validationError('Not a valid string.', 'conclusion_comment');
  return {
    conclusion: body.conclusion === undefined ? current.conclusion : conclusionOf(body.conclusion),
    conclusionComment: comment === undefined ? current.conclusionComment : (comment as string | null),
  };
}
