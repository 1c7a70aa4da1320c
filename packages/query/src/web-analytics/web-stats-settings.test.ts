import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from '../hogql/hogql-error.js';
import { WEB_STATS_BREAKDOWNS } from './web-breakdowns.js';
import { readWebStatsSettings, sortKeys, type WebStatsTableQuery } from './web-stats-settings.js';
import { shapeStatsTable } from './web-stats-shape.js';
import { shapeGoals, sortGoals } from './web-goals.js';

const query = (extra: Partial<WebStatsTableQuery> = {}): WebStatsTableQuery => ({ kind: 'WebStatsTableQuery', breakdownBy: 'Page', ...extra });

test('defaults: visitors, views and bounce rate, ten rows from the first, visitors then views descending', () => {
  const settings = readWebStatsSettings(query(), false);
  assert.deepEqual(settings, { breakdown: 'Page', metrics: ['visitors', 'views', 'bounce_rate'], orderBy: null, direction: 'DESC', limit: 10, offset: 0 });
  assert.deepEqual(sortKeys(settings), [['visitors', 'DESC'], ['views', 'DESC'], ['breakdown_value', 'ASC']]);
});

test('bounce rate can be left out; scroll depth and time on page belong to the Page table only', () => {
  assert.deepEqual(readWebStatsSettings(query({ includeBounceRate: false }), false).metrics, ['visitors', 'views']);
  assert.deepEqual(readWebStatsSettings(query({ includeScrollDepth: true, includeAvgTimeOnPage: true }), false).metrics, [
    'visitors', 'views', 'bounce_rate', 'average_scroll_percentage', 'scroll_gt80_percentage', 'avg_time_on_page',
  ]);
  assert.deepEqual(readWebStatsSettings(query({ breakdownBy: 'Country', includeScrollDepth: true }), false).metrics, ['visitors', 'views', 'bounce_rate']);
});

test('a goal swaps the metrics for conversions and sorts by converting visitors first', () => {
  const settings = readWebStatsSettings(query(), true);
  assert.deepEqual(settings.metrics, ['visitors', 'total_conversions', 'unique_conversions', 'conversion_rate']);
  assert.deepEqual(sortKeys(settings).map(([c]) => c), ['unique_conversions', 'total_conversions', 'visitors', 'breakdown_value']);
});

test('orderBy puts the asked column first and the tie-breakers follow its direction; absent columns are ignored', () => {
  const byViews = readWebStatsSettings(query({ orderBy: ['Views', 'ASC'] }), false);
  assert.deepEqual(sortKeys(byViews), [['views', 'ASC'], ['visitors', 'ASC'], ['breakdown_value', 'ASC']]);
  const byClicks = readWebStatsSettings(query({ orderBy: ['Clicks', 'ASC'] }), false);
  assert.deepEqual([byClicks.orderBy, byClicks.direction], [null, 'DESC']);
  assert.equal(readWebStatsSettings(query({ orderBy: ['ConvertingUsers', 'DESC'] }), true).orderBy, 'unique_conversions');
});

test('every listed breakdown is accepted; anything else, and bad orders and pages, are refused', () => {
  for (const breakdownBy of WEB_STATS_BREAKDOWNS) assert.equal(readWebStatsSettings(query({ breakdownBy }), false).breakdown, breakdownBy);
  const refused: Partial<WebStatsTableQuery>[] = [
    { breakdownBy: 'ExitClick' as never },
    { breakdownBy: undefined as never },
    { orderBy: ['visitors', 'DESC'] },
    { orderBy: ['Visitors', 'desc'] },
    { orderBy: 'Visitors' as never },
    { limit: 0 },
    { limit: 10_001 },
    { offset: -1 },
    { includeScrollDepth: 'yes' as never },
  ];
  for (const extra of refused) assert.throws(() => readWebStatsSettings(query(extra), false), HogQLError, JSON.stringify(extra));
});

test('shaping: [current, previous] cells, null previous without compare, NaN as null, the extra row as hasMore', () => {
  const settings = readWebStatsSettings(query({ limit: 1 }), false);
  const result = {
    columns: ['breakdown_value', 'visitors', 'previous_visitors', 'views', 'previous_views', 'bounce_rate', 'previous_bounce_rate'].map((name) => ({ name, type: '' })),
    rows: [
      ['/a', '2', '1', 4, 1, 0.5, Number.NaN],
      ['/b', 1, 0, 1, 0, null, null],
    ],
  };
  assert.deepEqual(shapeStatsTable(result, settings, true), { results: [['/a', [2, 1], [4, 1], [0.5, null]]], hasMore: true });
  assert.deepEqual(shapeStatsTable(result, settings, false).results, [['/a', [2, null], [4, null], [0.5, null]]]);
});

test('goals: rates are null without visitors; sorting keeps ties in action order', () => {
  const result = {
    columns: ['visitors', 'previous_visitors', 'total_0', 'previous_total_0', 'uniques_0', 'previous_uniques_0', 'total_1', 'previous_total_1', 'uniques_1', 'previous_uniques_1'].map(
      (name) => ({ name, type: '' }),
    ),
    rows: [[4, 0, 3, 0, 2, 0, 3, 0, 1, 0]],
  };
  const rows = shapeGoals(result, [{ name: 'a' }, { name: 'b' }], true);
  assert.deepEqual(rows, [
    ['a', [2, 0], [3, 0], [0.5, null]],
    ['b', [1, 0], [3, 0], [0.25, null]],
  ]);
  assert.deepEqual(sortGoals(rows, { column: 2, descending: true }).map((r) => r[0]), ['a', 'b']);
  assert.deepEqual(sortGoals(rows, { column: 3, descending: false }).map((r) => r[0]), ['b', 'a']);
});
