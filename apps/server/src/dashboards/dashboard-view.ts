import type { DashboardApi, DashboardBasicApi, DashboardInsightApi, DashboardListItemApi, DashboardTextApi, DashboardTileApi } from '@warren/shared/dashboards-api';
import type { UserView } from '../actions/action-view.js';
import type { DashboardFilters, DashboardRecord } from './dashboard-repository.js';
import type { TextRecord, TileRecord } from './tile-repository.js';

// Everyone in the project can edit (PostHog's restriction level 21, privilege level 37, access control v2).
const ACCESS = {
  restriction_level: 21,
  effective_restriction_level: 21,
  effective_privilege_level: 37,
  user_access_level: 'editor',
  access_control_version: 'v2',
} as const;

/** PostHog's basic dashboard, as lists show it (no filters, no tiles). Example: dashboardBasicView(d, users, false).pinned. */
export function dashboardBasicView(dashboard: DashboardRecord, users: ReadonlyMap<number, UserView>, shared: boolean): DashboardBasicApi {
  return {
    id: dashboard.id,
    name: dashboard.name,
    description: dashboard.description,
    pinned: dashboard.pinned,
    created_at: dashboard.createdAt,
    created_by: userOf(dashboard.createdBy, users),
    last_accessed_at: dashboard.lastAccessedAt,
    last_viewed_at: null,
    is_shared: shared,
    deleted: dashboard.deleted,
    creation_mode: dashboard.creationMode,
    tags: dashboard.tags,
    ...ACCESS,
    last_refresh: dashboard.lastRefresh,
    team_id: dashboard.teamId,
  };
}

/**
 * A row of the dashboards list: the basic dashboard with how many tiles it holds and when it last changed (Warren's
 * additions for the list screen; PostHog's list has neither). Example: dashboardListItemView(d, users, false, 3, null).tiles_count === 3.
 */
export function dashboardListItemView(
  dashboard: DashboardRecord,
  users: ReadonlyMap<number, UserView>,
  shared: boolean,
  tilesCount: number,
  lastModifiedAt: string | null,
): DashboardListItemApi {
  return { ...dashboardBasicView(dashboard, users, shared), tiles_count: tilesCount, last_modified_at: lastModifiedAt ?? dashboard.createdAt };
}

/**
 * PostHog's dashboard with its tiles (rest-api.md 4.7). `filters` are those the tiles were computed with (a
 * `filters_override` if one was given), `persisted_filters` the stored ones.
 */
export function dashboardView(dashboard: DashboardRecord, tiles: DashboardTileApi[], users: ReadonlyMap<number, UserView>, shared: boolean, filters: DashboardFilters): DashboardApi {
  return {
    ...dashboardBasicView(dashboard, users, shared),
    filters,
    variables: {},
    breakdown_colors: [],
    data_color_theme_id: null,
    persisted_filters: Object.keys(dashboard.filters).length > 0 ? dashboard.filters : null,
    persisted_variables: null,
    quick_filter_ids: [],
    tiles,
  };
}

/** One tile: its insight (already shown with its result) or its text, and where it sits. */
export function tileView(tile: TileRecord, order: number, insight: DashboardInsightApi | null, users: ReadonlyMap<number, UserView>, teamId: number): DashboardTileApi {
  return {
    id: tile.id,
    insight,
    text: tile.text ? textView(tile.text, users, teamId) : null,
    button_tile: null,
    layouts: tile.layouts,
    color: tile.color,
    filters_overrides: {},
    show_description: null,
    transparent_background: null,
    order,
    last_refresh: insight?.last_refresh ?? null,
    is_cached: insight?.is_cached ?? false,
  };
}

/**
 * Tiles in reading order on the 12-column grid (top to bottom, then left to right), as PostHog orders them before
 * computing; tiles without a layout come last, oldest first.
 */
export function sortedTiles(tiles: readonly TileRecord[]): TileRecord[] {
  const place = (t: TileRecord) => {
    const sm = t.layouts.sm as { x?: unknown; y?: unknown } | undefined;
    return typeof sm?.y === 'number' && typeof sm.x === 'number' ? [sm.y, sm.x] : [Number.MAX_SAFE_INTEGER, 0];
  };
  return [...tiles].sort((a, b) => {
    const [ay, ax] = place(a);
    const [by, bx] = place(b);
    return ay - by || ax - bx || a.id - b.id;
  });
}

function textView(text: TextRecord, users: ReadonlyMap<number, UserView>, teamId: number): DashboardTextApi {
  return {
    id: text.id,
    body: text.body,
    created_by: userOf(text.createdBy, users),
    last_modified_by: userOf(text.lastModifiedBy, users),
    last_modified_at: text.lastModifiedAt,
    team: teamId,
  };
}

function userOf(id: number | null, users: ReadonlyMap<number, UserView>): UserView | null {
  return id === null ? null : (users.get(id) ?? null);
}
