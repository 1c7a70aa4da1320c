import { validationError } from '../platform/app-error.js';
import { objectBody, tagsOf } from '../insights/insight-input.js';
import type { DashboardFilters, DashboardRecord, DashboardWrite } from './dashboard-repository.js';
import type { TileLayouts } from './tile-repository.js';

/** One entry of `tiles` in a dashboard PATCH (PostHog's `_update_tiles`). */
export interface TilePatch {
  /** The tile to change; absent for a new tile. */
  id?: number;
  /** A text tile: its text (new, or the one with this id) and body. */
  text?: { id?: number; body: string | null };
  /** A new insight tile (Warren also takes this way of adding an insight; PostHog only PATCHes the insight). */
  insightId?: number;
  layouts?: TileLayouts;
  color?: string | null;
  deleted?: boolean;
}

export interface DashboardInput {
  write: DashboardWrite;
  /** True when the body set `filters` (an empty object included). */
  filtersGiven: boolean;
  useTemplate: string | undefined;
  useDashboard: number | undefined;
  duplicateTiles: boolean;
  deleteInsights: boolean;
  tiles: TilePatch[];
  /** `duplicate_tiles` of a PATCH: tiles of this dashboard to copy (with their insights), each with its new layout. */
  duplicate: { id: number; layouts: TileLayouts }[];
}

const MAX_NAME = 400;
const MAX_TEXT = 4000;

/**
 * A create (no `current`) or update body merged over the stored dashboard and validated; the first problem is a 400
 * naming its field (`tiles__0__text__body`). Example: dashboardInputFrom({ name: 'Growth' }, null).write.pinned === false.
 */
export function dashboardInputFrom(body: unknown, current: DashboardRecord | null): DashboardInput {
  const b = objectBody(body);
  if (b.use_template && b.use_dashboard) throw validationError('`use_dashboard` and `use_template` cannot be used together');
  const filters = b.filters === undefined || b.filters === null ? undefined : filtersOf(b.filters);
  return {
    write: {
      name: optionalString(b.name, 'name', MAX_NAME) ?? (b.name === null ? null : (current?.name ?? null)),
      description: optionalString(b.description, 'description', 100_000) ?? current?.description ?? '',
      pinned: optionalBool(b.pinned, 'pinned') ?? current?.pinned ?? false,
      tags: tagsOf(b.tags) ?? current?.tags ?? [],
      filters: filters ?? current?.filters ?? {},
      deleted: optionalBool(b.deleted, 'deleted') ?? current?.deleted ?? false,
    },
    filtersGiven: filters !== undefined,
    useTemplate: b.use_template ? optionalString(b.use_template, 'use_template', 400) : undefined,
    useDashboard: b.use_dashboard === undefined || b.use_dashboard === null ? undefined : integer(b.use_dashboard, 'use_dashboard'),
    duplicateTiles: current === null ? optionalBool(b.duplicate_tiles, 'duplicate_tiles') === true : false,
    deleteInsights: optionalBool(b.delete_insights, 'delete_insights') ?? false,
    tiles: b.tiles === undefined || b.tiles === null ? [] : listOf(b.tiles, 'tiles').map((t, i) => tilePatchOf(t, `tiles__${i}`)),
    duplicate: current !== null && Array.isArray(b.duplicate_tiles) ? b.duplicate_tiles.map((t, i) => duplicateOf(t, `duplicate_tiles__${i}`)) : [],
  };
}

/** PostHog's `DashboardFilter`: any object, with the fields the query API reads type-checked. */
export function filtersOf(value: unknown): DashboardFilters {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validationError('Filters must be a dictionary', 'filters');
  const f = value as Record<string, unknown>;
  for (const key of ['date_from', 'date_to'] as const) {
    if (f[key] !== undefined && f[key] !== null && typeof f[key] !== 'string') throw validationError('Must be a date string or null.', `filters__${key}`);
  }
  if (f.properties !== undefined && f.properties !== null && !Array.isArray(f.properties)) throw validationError('Must be a list of property filters.', 'filters__properties');
  if (f.breakdown_filter !== undefined && f.breakdown_filter !== null && (typeof f.breakdown_filter !== 'object' || Array.isArray(f.breakdown_filter))) {
    throw validationError('Must be an object.', 'filters__breakdown_filter');
  }
  return f;
}

function tilePatchOf(value: unknown, attr: string): TilePatch {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validationError('Each tile must be an object.', attr);
  const t = value as Record<string, unknown>;
  const patch: TilePatch = {};
  if (t.id !== undefined && t.id !== null) patch.id = integer(t.id, `${attr}__id`);
  if (t.text !== undefined && t.text !== null) {
    if (typeof t.text !== 'object' || Array.isArray(t.text)) throw validationError('Must be an object.', `${attr}__text`);
    const text = t.text as Record<string, unknown>;
    const body = optionalString(text.body, `${attr}__text__body`, MAX_TEXT);
    patch.text = { body: body ?? null, ...(text.id !== undefined && text.id !== null ? { id: integer(text.id, `${attr}__text__id`) } : {}) };
  }
  if (patch.id === undefined && !patch.text && t.insight !== undefined && t.insight !== null) {
    const insight = typeof t.insight === 'object' ? (t.insight as { id?: unknown }).id : t.insight;
    patch.insightId = integer(insight, `${attr}__insight`);
  }
  if (t.layouts !== undefined && t.layouts !== null) patch.layouts = layoutsOf(t.layouts, `${attr}__layouts`);
  if (t.color !== undefined) patch.color = t.color === null ? null : optionalString(t.color, `${attr}__color`, 400);
  if (t.deleted !== undefined && t.deleted !== null) patch.deleted = optionalBool(t.deleted, `${attr}__deleted`);
  return patch;
}

function duplicateOf(value: unknown, attr: string): { id: number; layouts: TileLayouts } {
  if (typeof value !== 'object' || value === null) throw validationError('Each tile must be an object.', attr);
  const t = value as Record<string, unknown>;
  return { id: integer(t.id, `${attr}__id`), layouts: t.layouts === undefined || t.layouts === null ? {} : layoutsOf(t.layouts, `${attr}__layouts`) };
}

function layoutsOf(value: unknown, attr: string): TileLayouts {
  if (typeof value !== 'object' || Array.isArray(value) || value === null) throw validationError('Must be an object of layouts per size.', attr);
  for (const [size, layout] of Object.entries(value)) {
    if (typeof layout !== 'object' || layout === null || Array.isArray(layout)) throw validationError('Must be an object.', `${attr}__${size}`);
    for (const [k, v] of Object.entries(layout)) {
      if (v !== null && typeof v !== 'number' && typeof v !== 'boolean' && typeof v !== 'string') throw validationError('Must be a number.', `${attr}__${size}__${k}`);
    }
  }
  return value as TileLayouts;
}

function listOf(value: unknown, attr: string): unknown[] {
  if (!Array.isArray(value)) throw validationError(`Expected a list of items but got type "${typeof value}".`, attr, 'not_a_list');
  return value;
}

function integer(value: unknown, attr: string): number {
  const n = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  if (!Number.isSafeInteger(n)) throw validationError('A valid integer is required.', attr);
  return n as number;
}

function optionalString(value: unknown, attr: string, maxLength: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError('Not a valid string.', attr);
  if (value.length > maxLength) throw validationError(`Ensure this field has no more than ${maxLength} characters.`, attr, 'max_length');
  return value;
}

function optionalBool(value: unknown, attr: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw validationError('Must be a valid boolean.', attr);
  return value;
}
