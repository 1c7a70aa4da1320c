import { HogQLError } from '../hogql/hogql-error.js';
import { hAnd, hCall, hCompare, hConstant, hField, hOr, type HExpr } from '../hogql/hogql-ast.js';
import { propertyFiltersToHogQL, type PropertyFilters } from '../hogql/property-filter.js';
import type { ActionDefinition, ActionStep, InsightContext } from './insight-context.js';
import { propertyFilterOptions } from './insight-filters.js';

/** Fields EventsNode and ActionsNode share (rest-api.md 2.6). */
interface SeriesNodeBase {
  name?: string | null;
  custom_name?: string | null;
  math?: string | null;
  math_property?: string | null;
  math_property_type?: string | null;
  math_hogql?: string | null;
  math_group_type_index?: number | null;
  math_multiplier?: number | null;
  properties?: PropertyFilters | null;
  fixedProperties?: PropertyFilters | null;
}

export interface EventsNode extends SeriesNodeBase {
  kind: 'EventsNode';
  /** null or absent: all events. */
  event?: string | null;
}

export interface ActionsNode extends SeriesNodeBase {
  kind: 'ActionsNode';
  id: number;
}

export type SeriesNode = EventsNode | ActionsNode;

/** Retention's entity shape (`{id, type}`), also accepted where PostHog takes it. */
export interface RetentionEntity {
  id?: string | number | null;
  type?: 'events' | 'actions' | null;
  kind?: 'EventsNode' | 'ActionsNode' | null;
  name?: string | null;
  custom_name?: string | null;
  properties?: PropertyFilters | null;
}

/**
 * Validates one series node: a known kind, a string or null event, an action the project has.
 * @example assertSeriesNode({ kind: 'EventsNode', event: '$pageview' }, ctx)
 */
export function assertSeriesNode(node: unknown, ctx: InsightContext, where = 'series'): SeriesNode {
  if (!node || typeof node !== 'object') throw new HogQLError('unsupported', `${where} items must be objects`);
  const n = node as SeriesNode;
  if (n.kind === 'EventsNode') {
    if (n.event !== undefined && n.event !== null && typeof n.event !== 'string') {
      throw new HogQLError('unsupported', `${where}: event must be a string or null`);
    }
    return n;
  }
  if (n.kind === 'ActionsNode') {
    findAction(n.id, ctx);
    return n;
  }
  throw new HogQLError('unsupported', `${where}: unsupported node kind ${String((n as { kind?: unknown }).kind).slice(0, 50)}`);
}

/**
 * The HogQL condition selecting a series' events: its event (or action) and its own property filters.
 * Returns undefined for "all events" without filters.
 * @example await seriesCondition({ kind: 'EventsNode', event: '$pageview' }, ctx) // event = '$pageview'
 */
export async function seriesCondition(node: SeriesNode, ctx: InsightContext): Promise<HExpr | undefined> {
  const parts: HExpr[] = [];
  if (node.kind === 'EventsNode') {
    if (typeof node.event === 'string') parts.push(hCompare('==', hField('event'), hConstant(node.event)));
  } else {
    parts.push(await actionCondition(findAction(node.id, ctx), ctx));
  }
  for (const filters of [node.properties, node.fixedProperties]) {
    const condition = await propertyFiltersToHogQL(filters ?? undefined, propertyFilterOptions(ctx));
    if (condition) parts.push(condition);
  }
  return parts.length > 0 ? hAnd(parts) : undefined;
}

/**
 * A retention entity (`{id, type}`) as a series node. @example entityToSeries({ id: 'signed_up', type: 'events' })
 */
export function entityToSeries(entity: RetentionEntity | null | undefined): SeriesNode {
  const isAction = entity?.type === 'actions' || entity?.kind === 'ActionsNode';
  const common = { name: entity?.name ?? null, custom_name: entity?.custom_name ?? null, properties: entity?.properties ?? null };
  if (isAction) return { kind: 'ActionsNode', id: Number(entity?.id), ...common };
  const id = entity?.id;
  return { kind: 'EventsNode', event: id === null || id === undefined ? '$pageview' : String(id), ...common };
}

/**
 * The event name or action id a series reports as `action_id` / `action.id`.
 * @example seriesId({ kind: 'EventsNode', event: '$pageview' }) // => '$pageview'
 */
export function seriesId(node: SeriesNode): string | number | null {
  return node.kind === 'EventsNode' ? (node.event ?? null) : node.id;
}

/**
 * The series name: the event, the action's name, or `All events`.
 * @example seriesName({ kind: 'EventsNode', event: null }, ctx) // => 'All events'
 */
export function seriesName(node: SeriesNode, ctx: InsightContext): string {
  if (node.kind === 'ActionsNode') return findAction(node.id, ctx).name;
  return node.event ?? 'All events';
}

/**
 * What a result is labelled: the custom name, else the series name.
 * @example seriesLabel({ kind: 'EventsNode', event: 'x', custom_name: 'Sign-ups' }, ctx) // => 'Sign-ups'
 */
export function seriesLabel(node: SeriesNode, ctx: InsightContext): string {
  return node.custom_name || seriesName(node, ctx);
}

/**
 * PostHog's `action` object on a trends/stickiness/lifecycle result.
 * @example seriesActionObject(node, 0, ctx) // { id: '$pageview', type: 'events', order: 0, name: '$pageview', … }
 */
export function seriesActionObject(node: SeriesNode, order: number, ctx: InsightContext) {
  return {
    id: node.kind === 'EventsNode' ? (node.event ?? null) : String(node.id),
    type: node.kind === 'EventsNode' ? 'events' : 'actions',
    order,
    name: seriesName(node, ctx),
    custom_name: node.custom_name ?? null,
    math: node.math ?? 'total',
    math_property: node.math_property ?? null,
    math_hogql: node.math_hogql ?? null,
    math_group_type_index: node.math_group_type_index ?? null,
    properties: {},
  };
}

function findAction(id: unknown, ctx: InsightContext): ActionDefinition {
  const action = typeof id === 'number' || typeof id === 'string' ? ctx.actions.get(Number(id)) : undefined;
  if (!action) throw new HogQLError('resolution_error', `Action ${String(id).slice(0, 50)} does not exist`);
  return action;
}

/** An action matches when any of its steps does; an action without steps matches nothing. */
async function actionCondition(action: ActionDefinition, ctx: InsightContext): Promise<HExpr> {
  const steps: HExpr[] = [];
  for (const step of action.steps) steps.push(await stepCondition(step, ctx));
  return steps.length > 0 ? hOr(steps) : hConstant(false);
}

async function stepCondition(step: ActionStep, ctx: InsightContext): Promise<HExpr> {
  const parts: HExpr[] = [];
  if (step.event) parts.push(hCompare('==', hField('event'), hConstant(step.event)));
  if (step.url) parts.push(textMatch(hCall('toString', hField('properties', '$current_url')), step.url, step.url_matching ?? 'contains'));
  if (step.tag_name) parts.push(hCall('match', hField('elements_chain'), hConstant(`(^|;)${escapeRegex(step.tag_name)}([.:]|$)`)));
  if (step.text) parts.push(elementAttribute('text', step.text, step.text_matching ?? 'exact'));
  if (step.href) parts.push(elementAttribute('href', step.href, step.href_matching ?? 'exact'));
  const elementFilters = step.selector ? [{ type: 'element', key: 'selector', value: step.selector, operator: 'exact' }] : [];
  const filters = [...elementFilters, ...(step.properties ?? [])];
  const properties = await propertyFiltersToHogQL(filters, propertyFilterOptions(ctx));
  if (properties) parts.push(properties);
  return parts.length > 0 ? hAnd(parts) : hConstant(true);
}

function textMatch(value: HExpr, pattern: string, matching: string): HExpr {
  if (matching === 'exact') return hCompare('==', value, hConstant(pattern));
  if (matching === 'regex') return hCall('match', value, hConstant(pattern));
  return hCompare('>', hCall('position', value, hConstant(pattern)), hConstant(0));
}

/** `text="…"` / `href="…"` inside the autocapture elements chain (quotes in values are escaped as `\"`). */
function elementAttribute(attribute: 'text' | 'href', value: string, matching: string): HExpr {
  const escaped = escapeRegex(value.replace(/"/g, '\\"'));
  const body = matching === 'regex' ? value : matching === 'contains' ? `[^"]*${escaped}[^"]*` : escaped;
  return hCall('match', hField('elements_chain'), hConstant(`(^|[;:"])${attribute}="${body}"`));
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
