import type { ExperimentApi, ExperimentConclusion, ExperimentStatus } from '@warren/shared/experiments-api';

/** What the experiments list shows: one status (or all), archived ones or not, a search, and the page. */
export interface ExperimentListFilter {
  status: ExperimentStatus | 'all';
  archived: boolean;
  search: string;
  offset: number;
}

export const STATUS_TABS: { status: ExperimentListFilter['status']; label: string }[] = [
  { status: 'all', label: 'All' },
  { status: 'draft', label: 'Draft' },
  { status: 'running', label: 'Running' },
  { status: 'complete', label: 'Complete' },
];

const STATUSES = new Set<string>(STATUS_TABS.map((t) => t.status));

/**
 * The list filter a URL holds; anything unknown falls back to the default (all statuses, not archived, first page).
 * Example: filterFromParams(new URLSearchParams('status=running')) → { status: 'running', archived: false, search: '', offset: 0 }
 */
export function filterFromParams(params: URLSearchParams): ExperimentListFilter {
  const status = params.get('status') ?? 'all';
  return {
    status: STATUSES.has(status) ? (status as ExperimentListFilter['status']) : 'all',
    archived: params.get('archived') === 'true',
    search: params.get('search') ?? '',
    offset: Math.max(0, Math.floor(Number(params.get('offset')) || 0)),
  };
}

/** The URL form of a list filter, leaving defaults out so a plain list has a plain URL. */
export function paramsFromFilter(filter: ExperimentListFilter): URLSearchParams {
  const out = new URLSearchParams();
  if (filter.status !== 'all') out.set('status', filter.status);
  if (filter.archived) out.set('archived', 'true');
  if (filter.search) out.set('search', filter.search);
  if (filter.offset) out.set('offset', String(filter.offset));
  return out;
}

/** Draft until launched, running until stopped, then complete (the server's `status`, derived again for old answers). */
export function statusOf(experiment: Pick<ExperimentApi, 'start_date' | 'end_date'>): ExperimentStatus {
  if (!experiment.start_date) return 'draft';
  return experiment.end_date ? 'complete' : 'running';
}

export const STATUS_LABELS: Record<ExperimentStatus, string> = { draft: 'Draft', running: 'Running', complete: 'Complete' };

export const CONCLUSION_LABELS: Record<ExperimentConclusion, string> = {
  won: 'Won',
  lost: 'Lost',
  inconclusive: 'Inconclusive',
  stopped_early: 'Stopped early',
  invalid: 'Invalid',
};

const DAY_MS = 86_400_000;

/**
 * How long an experiment ran or has been running, in whole days, in words.
 * Example: durationText('2026-11-01T00:00:00Z', null, Date.parse('2026-11-04T12:00:00Z')) → 'Running for 3 days'
 */
export function durationText(startDate: string | null, endDate: string | null, nowMs: number): string {
  if (!startDate) return 'Not launched';
  const days = Math.max(0, Math.floor(((endDate ? Date.parse(endDate) : nowMs) - Date.parse(startDate)) / DAY_MS));
  const span = days === 0 ? 'less than a day' : days === 1 ? '1 day' : `${days} days`;
  return endDate ? `Ran for ${span}` : `Running for ${span}`;
}
