/**
 * Dashboards, their tiles and their sharing links as `/api/projects/:id/dashboards/` answers them (built by the
 * server's `dashboardBasicView`, `dashboardView` and `tileView` in apps/server/src/dashboards/dashboard-view.ts, and
 * `sharingView` in apps/server/src/sharing/sharing-routes.ts). Field names follow PostHog's.
 */

/** A user as a dashboard names them (creator, text author). */
export interface DashboardUserApi {
  id: number;
  uuid: string;
  first_name: string;
  email: string;
}

/**
 * PostHog's `DashboardFilter`: what every insight tile is shown with. A date here replaces each tile's own date
 * range; `properties` are AND-ed with each tile's; other keys are kept as given.
 */
export interface DashboardFiltersApi {
  date_from?: string | null;
  date_to?: string | null;
  properties?: unknown[] | null;
  breakdown_filter?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** A dashboard as lists show it (no filters, no tiles). */
export interface DashboardBasicApi {
  id: number;
  name: string | null;
  description: string;
  pinned: boolean;
  created_at: string;
  created_by: DashboardUserApi | null;
  last_accessed_at: string | null;
  last_viewed_at: string | null;
  is_shared: boolean;
  deleted: boolean;
  creation_mode: 'default' | 'template' | 'duplicate';
  tags: string[];
  /** PostHog's access fields: everyone in the project can edit. */
  restriction_level: number;
  effective_restriction_level: number;
  effective_privilege_level: number;
  user_access_level: string;
  access_control_version: string;
  last_refresh: string | null;
  team_id: number;
}

/** A row of `GET /dashboards/`: the basic dashboard plus two Warren additions the list screen shows. */
export interface DashboardListItemApi extends DashboardBasicApi {
  /** Live tiles on the dashboard (insight tiles of deleted insights not counted). */
  tiles_count: number;
  /** When the dashboard (its fields, filters or tiles) last changed: its newest activity-log entry, else its creation. */
  last_modified_at: string;
}

/** The insight of an insight tile, with its query as the tile computes it (the dashboard's filters merged in). */
export interface DashboardInsightApi {
  id: number;
  short_id: string;
  name: string | null;
  derived_name: string | null;
  description: string;
  /** The saved query (usually an `InsightVizNode` around the insight query), with the dashboard's filters applied. */
  query: Record<string, unknown> | null;
  /** The cached result (`?refresh=force_cache`, the default, computes nothing), or the computed one on shared links. */
  result: unknown;
  columns: unknown[] | null;
  types: unknown[] | null;
  hogql: string | null;
  resolved_date_range: unknown;
  timezone: string;
  is_cached: boolean;
  last_refresh: string | null;
}

/** The text of a text tile: markdown, shown as plain text with a few marks, never as HTML. */
export interface DashboardTextApi {
  id: number;
  body: string | null;
  created_by: DashboardUserApi | null;
  last_modified_by: DashboardUserApi | null;
  last_modified_at: string;
  team: number;
}

/**
 * One tile: an insight or a text, and where it sits. `layouts` maps a breakpoint (`sm`: the 12-column grid, `xs`: one
 * column) to `{x, y, w, h, minW?, minH?}`; stored as given, so a reader checks the numbers.
 */
export interface DashboardTileApi {
  id: number;
  insight: DashboardInsightApi | null;
  text: DashboardTextApi | null;
  button_tile: null;
  layouts: Record<string, unknown>;
  color: string | null;
  filters_overrides: Record<string, unknown>;
  show_description: boolean | null;
  transparent_background: boolean | null;
  order: number;
  last_refresh: string | null;
  is_cached: boolean;
  /** Present when the tile's query failed (the rest of the dashboard still shows). */
  error?: { type: string; message: string };
}

/** A dashboard with its tiles. */
export interface DashboardApi extends DashboardBasicApi {
  /** The filters the tiles were computed with (a `filters_override` if one was given). */
  filters: DashboardFiltersApi;
  variables: Record<string, unknown>;
  breakdown_colors: unknown[];
  data_color_theme_id: number | null;
  /** The dashboard's stored filters, null when it has none. */
  persisted_filters: DashboardFiltersApi | null;
  persisted_variables: Record<string, unknown> | null;
  quick_filter_ids: unknown[];
  tiles: DashboardTileApi[];
}

/** One entry of `tiles` in a dashboard PATCH (PostHog's shape; `insight` adding a tile is Warren's addition). */
export type DashboardTilePatch =
  | { id: number; layouts?: Record<string, unknown>; color?: string | null; deleted?: boolean; text?: { id?: number; body: string } }
  | { text: { body: string }; layouts?: Record<string, unknown> }
  | { insight: number; layouts?: Record<string, unknown> };

/** The body of a dashboard create (POST). */
export interface DashboardCreate {
  name: string;
  description?: string;
  pinned?: boolean;
  /** A built-in template's key (`DEFAULT_APP`: the product-analytics starter). */
  use_template?: string;
}

/** The body of a dashboard update (PATCH). */
export interface DashboardUpdate {
  name?: string;
  description?: string;
  pinned?: boolean;
  filters?: DashboardFiltersApi;
  deleted?: boolean;
  tiles?: DashboardTilePatch[];
}

/** `GET|PATCH /dashboards/:id/sharing/`: the public link's state; no token before sharing was first turned on. */
export interface SharingConfigurationApi {
  created_at: string | null;
  enabled: boolean;
  access_token: string | null;
}

/** `GET /api/shared/:access_token/` for a shared dashboard: the dashboard with computed results, no users. */
export interface SharedDashboardApi {
  type: 'scene';
  dashboard: DashboardApi;
}
