import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { insightContext } from '../insight-context.js';
import { parseRetentionQuery } from './retention-filter.js';

const ctx = insightContext({
  teamId: 1,
  now: new Date('2024-05-08T15:00:00Z'),
  actions: new Map([[7, { id: 7, name: 'Upgraded', steps: [{ event: 'upgraded' }] }]]),
});
const parse = (query: Record<string, unknown>) => parseRetentionQuery({ kind: 'RetentionQuery', ...query }, ctx);
const filter = (retentionFilter: Record<string, unknown>) => parse({ retentionFilter });

function refused(query: Record<string, unknown>, pattern: RegExp): void {
  assert.throws(
    () => parse(query),
    (error: unknown) => error instanceof HogQLError && error.code === 'unsupported' && pattern.test(error.detail),
  );
}

test('defaults are recurring, Day, 8 intervals and $pageview for both entities', () => {
  const spec = parse({});
  assert.equal(spec.retentionType, 'retention_recurring');
  assert.equal(spec.period, 'Day');
  assert.equal(spec.totalIntervals, 8);
  assert.deepEqual([spec.target, spec.returning].map((n) => n.kind === 'EventsNode' && n.event), ['$pageview', '$pageview']);
  assert.equal(spec.cumulative, false);
  assert.equal(spec.minimumOccurrences, 1);
  assert.equal(spec.breakdown, null);
  assert.equal(spec.breakdownLimit, 25);
  assert.equal(spec.groupTypeIndex, null);
});

test('entities become event or action series with their own filters', () => {
  const spec = filter({
    targetEntity: { id: 'signed_up', type: 'events', properties: [{ key: 'plan', value: 'pro' }] },
    returningEntity: { id: 7, type: 'actions', name: 'Upgraded' },
  });
  assert.deepEqual(spec.target, { kind: 'EventsNode', event: 'signed_up', name: null, custom_name: null, properties: [{ key: 'plan', value: 'pro' }] });
  assert.equal(spec.returning.kind, 'ActionsNode');
  assert.equal(spec.returning.kind === 'ActionsNode' && spec.returning.id, 7);
  assert.equal(filter({ targetEntity: { id: '7', kind: 'ActionsNode' } }).target.kind, 'ActionsNode');
});

test('an action the project does not have is a resolution error', () => {
  assert.throws(() => filter({ targetEntity: { id: 99, type: 'actions' } }), (e: unknown) => e instanceof HogQLError && e.code === 'resolution_error');
});

test('bad enum values are refused, including a lowercase period', () => {
  refused({ retentionFilter: { period: 'day' } }, /period must be one of Hour, Day, Week, Month/);
  refused({ retentionFilter: { retentionType: 'retention_sometimes' } }, /retentionType/);
  refused({ retentionFilter: { retentionReference: 'first' } }, /retentionReference/);
  refused({ retentionFilter: { targetEntity: { id: 'x', type: 'cohorts' } } }, /targetEntity.type/);
});

test('out-of-range and mistyped numbers are refused', () => {
  for (const totalIntervals of [0, 501, 2.5, '8', -1]) refused({ retentionFilter: { totalIntervals } }, /totalIntervals must be an integer from 1 to 500/);
  refused({ retentionFilter: { minimumOccurrences: 0 } }, /minimumOccurrences/);
  refused({ aggregation_group_type_index: 5 }, /aggregation_group_type_index/);
  refused({ breakdownFilter: { breakdown: 'plan', breakdown_limit: 0 } }, /breakdown_limit/);
  refused({ retentionFilter: { cumulative: 'yes' } }, /cumulative must be a boolean/);
  refused({ filterTestAccounts: 'true' }, /filterTestAccounts/);
});

test('wrongly shaped objects are refused', () => {
  refused({ retentionFilter: [] }, /retentionFilter must be an object/);
  refused({ retentionFilter: { targetEntity: { id: { $ne: 1 } } } }, /targetEntity.id/);
  refused({ retentionFilter: { targetEntity: { id: '1 OR 1=1', type: 'actions' } } }, /must be an action id/);
  refused({ properties: 'event = 1' }, /properties must be/);
  refused({ dateRange: { date_to: 20240501 } }, /dateRange.date_to must be a date string/);
  assert.throws(() => parseRetentionQuery({ kind: 'TrendsQuery' }, ctx), HogQLError);
  assert.throws(() => parseRetentionQuery(null, ctx), HogQLError);
});

test('options that would change the numbers in ways Warren does not compute are refused, not ignored', () => {
  refused({ retentionFilter: { timeWindowMode: '24_hour_windows' } }, /24_hour_windows/);
  refused({ retentionFilter: { aggregationType: 'sum' } }, /aggregationType/);
  refused({ retentionFilter: { retentionCustomBrackets: [1, 2] } }, /retentionCustomBrackets/);
  refused({ samplingFactor: 0.1 }, /samplingFactor/);
  refused({ breakdownFilter: { breakdowns: [{ property: 'a' }, { property: 'b' }] } }, /one breakdown/);
  refused({ breakdownFilter: { breakdown: 3, breakdown_type: 'cohort' } }, /Cohort/);
  assert.equal(filter({ timeWindowMode: 'strict_calendar_dates', showTrendLines: true, display: 'ActionsTable' }).period, 'Day');
});

test('a breakdown is read from the single or the multi form', () => {
  assert.deepEqual(parse({ breakdownFilter: { breakdown: 'plan', breakdown_type: 'person', breakdown_limit: 3 } }).breakdown?.type, 'person');
  assert.equal(parse({ breakdownFilter: { breakdown: 'plan', breakdown_limit: 3 } }).breakdownLimit, 3);
  assert.equal(parse({ breakdownFilter: { breakdowns: [{ property: '$browser' }] } }).breakdown?.property, '$browser');
});
