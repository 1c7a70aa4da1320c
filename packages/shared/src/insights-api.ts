/**
 * Saved insights as `/api/projects/:id/insights/` answers them (built by the server's `insightBasicView` and
 * `insightView` in apps/server/src/insights/insight-view.ts). Field names follow PostHog's.
 */

/** A user as an insight names them (creator, last editor). */
export interface InsightUserApi {
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  last_name: string;
  email: string;
  is_email_verified: boolean | null;
  hedgehog_config: null;
  role_at_organization: null;
}

/** The tile that puts an insight on a dashboard. */
export interface InsightDashboardTileApi {
  id: number;
  dashboard_id: number;
  deleted: boolean;
}

/**
 * PostHog's basic insight (`?basic=true`): no result. `query` is what the builder saved, usually
 * `{ kind: 'InsightVizNode', source: { kind: 'TrendsQuery', … } }`.
 */
export interface InsightBasicApi {
  id: number;
  short_id: string;
  name: string | null;
  derived_name: string | null;
  /** The legacy filters: always empty, insights are defined by `query`. */
  filters: Record<string, never>;
  query: Record<string, unknown> | null;
  dashboards: number[];
  dashboard_tiles: InsightDashboardTileApi[];
  description: string;
  last_refresh: string | null;
  refreshing: boolean;
  saved: boolean;
  tags: string[];
  updated_at: string;
  created_by: InsightUserApi | null;
  created_at: string;
  last_modified_at: string;
  favorited: boolean;
}

/** PostHog's full insight: the basic fields (less `refreshing`), the result and its cache fields. */
export interface InsightApi extends Omit<InsightBasicApi, 'refreshing'> {
  order: null;
  deleted: boolean;
  cache_target_age: string | null;
  next_allowed_client_refresh: string | null;
  result: unknown;
  hasMore: boolean | null;
  columns: unknown[] | null;
  types: unknown[] | null;
  hogql: string | null;
  resolved_date_range: unknown;
  timezone: string;
  is_cached: boolean;
  query_status: unknown;
  filters_hash: string | null;
  last_modified_by: InsightUserApi | null;
  last_viewed_at: null;
  alerts: never[];
  is_sample: boolean;
  effective_restriction_level: number;
  effective_privilege_level: number;
  user_access_level: string;
}

/**
 * The body of `POST /insights/` and `PATCH /insights/:id/`. `dashboards`, when given, is the full list of dashboards
 * the insight should be on after the write (tiles are added or removed to match).
 */
export interface InsightWriteApi {
  name?: string | null;
  description?: string | null;
  query?: { kind: 'InsightVizNode'; source: Record<string, unknown> } | Record<string, unknown> | null;
  saved?: boolean;
  favorited?: boolean;
  tags?: string[];
  dashboards?: number[];
  deleted?: boolean;
}
