import { Type } from '@sinclair/typebox';
import { validationError } from '../platform/app-error.js';
import { pageOf } from '../platform/pagination.js';
import { INSIGHT_ORDER_COLUMNS, type InsightListFilter, type InsightOrderColumn } from './insight-repository.js';

/** The list parameters PostHog's insights endpoint takes (rest-api.md 4.6). */
export const InsightListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  saved: Type.Optional(Type.String({ maxLength: 10 })),
  favorited: Type.Optional(Type.String({ maxLength: 10 })),
  search: Type.Optional(Type.String({ maxLength: 400 })),
  short_id: Type.Optional(Type.String({ maxLength: 20 })),
  created_by: Type.Optional(Type.Integer({ minimum: 0 })),
  user: Type.Optional(Type.String({ maxLength: 10 })),
  dashboards: Type.Optional(Type.String({ maxLength: 2000 })),
  insight: Type.Optional(Type.String({ maxLength: 20 })),
  order: Type.Optional(Type.String({ maxLength: 40 })),
  basic: Type.Optional(Type.String({ maxLength: 10 })),
  refresh: Type.Optional(Type.String({ maxLength: 40 })),
});

export interface InsightListParams {
  limit?: number;
  offset?: number;
  saved?: string;
  favorited?: string;
  search?: string;
  short_id?: string;
  created_by?: number;
  user?: string;
  dashboards?: string;
  insight?: string;
  order?: string;
  basic?: string;
  refresh?: string;
}

/** PostHog's `insight=` types as query kinds; SQL insights are HogQL queries inside a wrapper. */
const INSIGHT_TYPES: Readonly<Record<string, string>> = {
  TRENDS: 'TrendsQuery',
  FUNNELS: 'FunnelsQuery',
  RETENTION: 'RetentionQuery',
  PATHS: 'PathsQuery',
  STICKINESS: 'StickinessQuery',
  LIFECYCLE: 'LifecycleQuery',
  SQL: 'HogQLQuery',
};

/**
 * The repository filter of a list request; `user=true` means insights the caller created. Like PostHog, a boolean
 * filter is on when present with a true value (`favorited=true`), and `saved=false` asks for unsaved insights.
 * Example: insightListFilter({ favorited: 'true', dashboards: '[3]' }, 1).dashboards // [3]
 */
export function insightListFilter(q: InsightListParams, userId: number): InsightListFilter {
  const order = orderOf(q.order);
  return {
    ...pageOf(q),
    saved: q.saved === undefined ? undefined : truthy(q.saved),
    favorited: q.favorited !== undefined && truthy(q.favorited) ? true : undefined,
    search: q.search || undefined,
    shortId: q.short_id,
    createdBy: q.user !== undefined && truthy(q.user) ? userId : q.created_by,
    dashboards: q.dashboards ? dashboardIds(q.dashboards) : undefined,
    queryKinds: q.insight === undefined ? undefined : Object.hasOwn(INSIGHT_TYPES, q.insight.toUpperCase()) ? [INSIGHT_TYPES[q.insight.toUpperCase()]] : [],
    order,
  };
}

export function truthy(value: string): boolean {
  return ['true', '1', 'yes', 'on', 't', 'y'].includes(value.toLowerCase());
}

function orderOf(raw: string | undefined): InsightListFilter['order'] {
  const descending = raw?.startsWith('-') ?? true;
  const column = raw?.replace(/^-/, '');
  if (column && (INSIGHT_ORDER_COLUMNS as readonly string[]).includes(column)) return { column: column as InsightOrderColumn, descending };
  return { column: 'last_modified_at', descending: true };
}

function dashboardIds(raw: string): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw validationError('Must be a JSON list of dashboard ids.', 'dashboards');
  }
  if (!Array.isArray(parsed) || parsed.length > 50 || !parsed.every((id) => Number.isSafeInteger(id))) throw validationError('Must be a JSON list of dashboard ids.', 'dashboards');
  return parsed as number[];
}
