import type { Expr, SelectQuery, TableSource } from '../sql/ast.js';
import { alias, call, column, constant, table } from '../sql/build.js';
import { propertyAccess } from './property-access.js';

/** How a session field reads in filters: as text, a number, an instant or a boolean. */
export type SessionFieldType = 'string' | 'number' | 'datetime' | 'boolean';

const E = 'events';
const ts = column(E, 'timestamp');
const prop = (key: string) => propertyAccess(column(E, 'properties'), [key]);
const isEvent = (name: string) => call('equals', column(E, 'event'), constant(name));
/** The value of the session's first (or last) event that carries it: NULL when none does. */
const first = (value: Expr) => call('argMinIf', value, ts, call('isNotNull', value));
const last = (value: Expr) => call('argMaxIf', value, ts, call('isNotNull', value));
const ref = (name: string) => column(undefined, name);

// Each field: its type and its aggregate over one session's events. Values are made Nullable so that an event whose
// session is unknown reads NULL through the LEFT JOIN (a non-matching row takes the type's default, NULL for these).
const FIELDS: readonly [name: string, type: SessionFieldType, value: Expr][] = [
  ['distinct_id', 'string', call('argMin', column(E, 'distinct_id'), ts)],
  ['$start_timestamp', 'datetime', call('min', ts)],
  ['$end_timestamp', 'datetime', call('max', ts)],
  ['$session_duration', 'number', call('dateDiff', constant('second'), call('min', ts), call('max', ts))],
  ['$pageview_count', 'number', call('countIf', isEvent('$pageview'))],
  ['$autocapture_count', 'number', call('countIf', isEvent('$autocapture'))],
  ['$screen_count', 'number', call('countIf', isEvent('$screen'))],
  ['$entry_current_url', 'string', first(prop('$current_url'))],
  ['$entry_pathname', 'string', call('path', first(prop('$current_url')))],
  ['$exit_current_url', 'string', last(prop('$current_url'))],
  ['$exit_pathname', 'string', call('path', last(prop('$current_url')))],
  ['$entry_referrer', 'string', first(prop('$referrer'))],
  ['$entry_referring_domain', 'string', first(prop('$referring_domain'))],
  ['$entry_utm_source', 'string', first(prop('utm_source'))],
  ['$entry_utm_medium', 'string', first(prop('utm_medium'))],
  ['$entry_utm_campaign', 'string', first(prop('utm_campaign'))],
  ['$entry_utm_term', 'string', first(prop('utm_term'))],
  ['$entry_utm_content', 'string', first(prop('utm_content'))],
  // PostHog's rule: not a bounce with more than one pageview, any autocapture, or 10 s or more.
  [
    '$is_bounce',
    'boolean',
    call(
      'toBool',
      call(
        'not',
        call(
          'or',
          call('greater', ref('$pageview_count'), constant(1)),
          call('greater', ref('$autocapture_count'), constant(0)),
          call('greaterOrEquals', ref('$session_duration'), constant(10)),
        ),
      ),
    ),
  ],
];

/** Every session field by name, `session_id` included. */
export const SESSION_FIELDS: ReadonlyMap<string, SessionFieldType> = new Map([
  ['session_id', 'string'],
  ...FIELDS.map(([name, type]): [string, SessionFieldType] => [name, type]),
]);

/**
 * Sessions, one row per non-empty `$session_id` of the project, computed from its events on the fly: the HogQL
 * `sessions` table and the `session.<field>` join of events.
 *
 * This stands in for the sessions model of issue #8 (an aggregating table kept current at ingestion), which will
 * replace it under the same field names so queries keep working. Until then every use aggregates all of the
 * project's events that carry a session id, even when the outer query looks at a short time window; narrowing it to
 * that window (plus a margin for sessions that straddle it) is left to the real model.
 * @example sessionsSource() // (SELECT events.$session_id AS session_id, toNullable(min(events.timestamp)) AS $start_timestamp, … GROUP BY …)
 */
export function sessionsSource(): TableSource {
  const query: SelectQuery = {
    kind: 'select',
    select: [
      alias(column(E, '$session_id'), 'session_id'),
      ...FIELDS.map(([name, , value]) => alias(call('toNullable', value), name)),
    ],
    from: { source: table('events'), alias: E },
    where: call('notEmpty', column(E, '$session_id')),
    groupBy: [column(E, '$session_id')],
  };
  return { kind: 'subquery', query };
}
