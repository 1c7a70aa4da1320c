import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BREAKDOWN_CARDS } from './web-breakdowns';
import type { WebPageState } from './web-page-state';
import { liveCount, overviewQuery, statsTableQuery, visitorsChartQuery } from './web-queries';

const state: WebPageState = { period: 'today', compare: true, filters: [{ type: 'session', key: '$channel_type', value: 'Direct' }] };
const plain: WebPageState = { period: '30d', compare: false, filters: [] };

test('every query of the page shares the range, the filters and compare', () => {
  const shared = { dateRange: { date_from: 'dStart', date_to: null }, properties: [{ type: 'session', key: '$channel_type', operator: 'exact', value: ['Direct'] }], compareFilter: { compare: true } };
  assert.deepEqual(overviewQuery(state), { kind: 'WebOverviewQuery', ...shared });
  assert.deepEqual(statsTableQuery(state, BREAKDOWN_CARDS[0]!.tabs[0]!), { kind: 'WebStatsTableQuery', breakdownBy: 'Page', ...shared, includeBounceRate: true, limit: 10 });
  assert.equal('compareFilter' in overviewQuery(plain), false);
  assert.equal(statsTableQuery(plain, BREAKDOWN_CARDS[2]!.tabs[0]!).includeBounceRate, false);
  // The map asks for every country; a table for its ten rows.
  assert.equal(statsTableQuery(plain, BREAKDOWN_CARDS[3]!.tabs[0]!).limit, 250);
  assert.equal(statsTableQuery(plain, BREAKDOWN_CARDS[3]!.tabs[1]!).limit, 10);
});

test('the chart counts unique visitors and all pageviews of web traffic, by the hour for today', () => {
  const q = visitorsChartQuery(state);
  assert.deepEqual(q.series.map((s) => [s.custom_name, s.math]), [['Visitors', 'dau'], ['Pageviews', 'total']]);
  assert.equal(q.interval, 'hour');
  assert.equal(visitorsChartQuery(plain).interval, 'day');
  assert.deepEqual(q.compareFilter, { compare: true });
  // The page's filters and the fixed web-traffic condition (sessions, no bots).
  assert.equal(q.properties.length, 2);
  assert.equal(q.properties[1]!.type, 'hogql');
});

test('the live count reads visitors and pageviews from its one row, zero when there is none', () => {
  assert.deepEqual(liveCount({ results: [[2, 5]] }), { visitors: 2, pageviews: 5 });
  assert.deepEqual(liveCount({ results: [['3', '7']] }), { visitors: 3, pageviews: 7 });
  assert.deepEqual(liveCount({ results: [] }), { visitors: 0, pageviews: 0 });
});
