import type { PropertyFilter } from '../../../components/property-filter-model';
import type { StepNode } from '../funnels/funnel-query-model';
import type { InsightQuery } from '../insight-kind';

export type RetentionType = 'retention_first_time' | 'retention_recurring';
export type RetentionPeriod = 'Hour' | 'Day' | 'Week' | 'Month';

/** PostHog's RetentionEntity: an event by name or an action by id (rest-api.md 2.9). */
export interface RetentionEntity {
  id: string | number;
  name?: string;
  type: 'events' | 'actions';
  properties?: PropertyFilter[];
}

export type RetentionQuery = InsightQuery & {
  kind: 'RetentionQuery';
  retentionFilter: {
    retentionType?: RetentionType | 'retention_first_ever_occurrence';
    period?: RetentionPeriod;
    totalIntervals?: number;
    targetEntity?: RetentionEntity;
    returningEntity?: RetentionEntity;
    cumulative?: boolean;
    [field: string]: unknown;
  };
};

export const RETENTION_TYPE_LABELS: Record<RetentionType, string> = {
  retention_first_time: 'First time (cohort by the first time they did it)',
  retention_recurring: 'Recurring (cohort by every period they did it)',
};

export const PERIODS: RetentionPeriod[] = ['Hour', 'Day', 'Week', 'Month'];
export const MAX_INTERVALS = 100;

/** A new retention insight: of those who first viewed a page, how many came back to view one, week by week. */
export function defaultRetentionQuery(): RetentionQuery {
  return {
    kind: 'RetentionQuery',
    retentionFilter: {
      retentionType: 'retention_first_time',
      period: 'Week',
      totalIntervals: 8,
      targetEntity: { id: '$pageview', name: '$pageview', type: 'events' },
      returningEntity: { id: '$pageview', name: '$pageview', type: 'events' },
    },
  };
}

/** The entity as the shared event picker edits it. Example: entityToNode({ id: 7, type: 'actions' }) -> { kind: 'ActionsNode', id: 7 } */
export function entityToNode(entity: RetentionEntity | undefined): StepNode {
  const properties = entity?.properties?.length ? { properties: entity.properties } : {};
  if (entity?.type === 'actions') return { kind: 'ActionsNode', id: Number(entity.id), ...properties };
  return { kind: 'EventsNode', event: entity?.id === undefined || entity.id === null ? '$pageview' : String(entity.id), ...properties };
}

/** Back from the picker; an empty event is `$pageview`, as the server reads it. */
export function nodeToEntity(node: StepNode): RetentionEntity {
  const properties = node.properties?.length ? { properties: node.properties } : {};
  if (node.kind === 'ActionsNode') return { id: node.id, type: 'actions', ...properties };
  const event = node.event ?? '$pageview';
  return { id: event, name: event, type: 'events', ...properties };
}

/** Sets some retentionFilter fields. */
export function setRetentionFilter(query: RetentionQuery, patch: Partial<RetentionQuery['retentionFilter']>): RetentionQuery {
  return { ...query, retentionFilter: { ...query.retentionFilter, ...patch } };
}

/**
 * The number of periods typed, if it is one the server takes (whole, 1–100). Example: parseIntervals('12') -> 12;
 * parseIntervals('0') -> null
 */
export function parseIntervals(text: string): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= MAX_INTERVALS ? n : null;
}
