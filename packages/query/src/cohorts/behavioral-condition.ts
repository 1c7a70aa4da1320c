import { hAnd, hCall, hCompare, hConstant, hField, type HExpr, type HSelectQuery } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';
import { propertyFiltersToHogQL } from '../hogql/property-filter.js';
import { parseRelativeDate } from '../hogql/relative-date.js';
import type { InsightContext } from '../insights/insight-context.js';
import { propertyFilterOptions } from '../insights/insight-filters.js';
import { seriesCondition } from '../insights/series.js';
import { cohortIdOf, type BehavioralFilter, type CountOperator, type TimeInterval } from './cohort-definition.js';

/** PostHog's relative-date unit of each behavioural time interval. */
const UNIT: Record<TimeInterval, string> = { minute: 'M', hour: 'h', day: 'd', week: 'w', month: 'm', year: 'y' };
const COMPARE: Record<CountOperator, string> = { gte: '>=', gt: '>', lte: '<=', lt: '<', exact: '==', eq: '==' };

/**
 * "The person did event (or action) X in the window": `person IN (SELECT person_id FROM events …)`, where the
 * events' person is the one after merges. As in PostHog, counts compare over the persons who did it at least once
 * in the window (`at most 2 times` does not take in people who never did it), and `performed_event_first_time`
 * wants the person's first such event ever inside the window. `not_performed_event` is the caller's negation.
 * @example await behavioralCondition({ type: 'behavioral', value: 'performed_event', key: 'signed_up', event_type: 'events', time_value: 7, time_interval: 'day' }, ctx, hField('person', 'id'))
 */
export async function behavioralCondition(filter: BehavioralFilter, ctx: InsightContext, person: HExpr): Promise<HExpr> {
  const { from, to } = windowOf(filter, ctx);
  const events = await eventCondition(filter, ctx);
  const inWindow = [hCompare('>=', hField('timestamp'), hConstant(from)), ...(to ? [hCompare('<', hField('timestamp'), hConstant(to))] : [])];
  const select: HSelectQuery = {
    node: 'SelectQuery',
    select: [hField('person_id')],
    select_from: { node: 'JoinExpr', table: hField('events') },
    group_by: [hField('person_id')],
  };
  if (filter.value === 'performed_event_first_time') {
    const first = hCall('min', hField('timestamp'));
    select.where = events;
    select.having = hAnd([hCompare('>=', first, hConstant(from)), ...(to ? [hCompare('<', first, hConstant(to))] : [])]);
  } else {
    select.where = hAnd([events, ...inWindow]);
    if (filter.value === 'performed_event_multiple') {
      const operator = COMPARE[filter.operator ?? 'exact'];
      select.having = hCompare(operator, hCall('count'), hConstant(filter.operator_value ?? 1));
    }
  }
  return hCompare('in', person, select);
}

/** The window's start (and end, for an explicit range), anchored on the context's "now" in the project timezone. */
function windowOf(filter: BehavioralFilter, ctx: InsightContext): { from: Date; to: Date | null } {
  const at = { now: ctx.now, timezone: ctx.timezone };
  if (typeof filter.explicit_datetime === 'string' && filter.explicit_datetime !== '') {
    const to = filter.explicit_datetime_to ? parseRelativeDate(filter.explicit_datetime_to, at) : null;
    return { from: parseRelativeDate(filter.explicit_datetime, at), to };
  }
  const interval = filter.time_interval ?? 'day';
  if (!Object.hasOwn(UNIT, interval)) throw new HogQLError('unsupported', `Unknown time interval ${String(interval).slice(0, 20)}`);
  const amount = Number(filter.time_value);
  if (!Number.isInteger(amount) || amount < 1) throw new HogQLError('unsupported', 'time_value must be a whole number of at least 1');
  // Nothing happened before 1970, and a start centuries back would leave DateTime64's range.
  return { from: new Date(Math.max(0, parseRelativeDate(`-${amount}${UNIT[interval]}`, at).getTime())), to: null };
}

async function eventCondition(filter: BehavioralFilter, ctx: InsightContext): Promise<HExpr> {
  const parts: HExpr[] = [];
  if (filter.event_type === 'actions') {
    const condition = await seriesCondition({ kind: 'ActionsNode', id: cohortIdOf(filter.key, 'An action id') }, ctx);
    if (condition) parts.push(condition);
  } else {
    if (typeof filter.key !== 'string') throw new HogQLError('unsupported', 'A behavioural filter names its event in key');
    parts.push(hCompare('==', hField('event'), hConstant(filter.key)));
  }
  const properties = await propertyFiltersToHogQL(filter.event_filters ?? undefined, propertyFilterOptions(ctx));
  if (properties) parts.push(properties);
  return parts.length === 0 ? hConstant(true) : hAnd(parts);
}
