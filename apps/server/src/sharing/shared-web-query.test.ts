import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SHARED_HOGQL_QUERIES, sharedWebQuery } from './shared-web-query.js';

/*
 * The queries the web analytics page sends (apps/web/src/web-analytics/web-queries.ts), written out: the public
 * page's browser test (tests/e2e/web-sharing.test.ts) checks that the real page gets every answer through the link.
 */
const range = { date_from: '-7d', date_to: null };
const filters = [
  { type: 'event', key: '$pathname', operator: 'exact', value: ['/pricing'] },
  { type: 'session', key: '$channel_type', operator: 'exact', value: ['Direct'] },
  { type: 'session', key: '$geoip_country_code', operator: 'exact', value: ['DE'] },
  { type: 'session', key: '$entry_utm_source', operator: 'is_not_set', value: null },
];
const overview = { kind: 'WebOverviewQuery', dateRange: range, properties: [] as unknown[] };
const chart = {
  kind: 'TrendsQuery',
  series: [
    { kind: 'EventsNode', event: '$pageview', name: '$pageview', custom_name: 'Visitors', math: 'dau' },
    { kind: 'EventsNode', event: '$pageview', name: '$pageview', custom_name: 'Pageviews', math: 'total' },
  ],
  interval: 'hour',
  dateRange: { date_from: 'dStart', date_to: null },
  properties: [...filters, { type: 'hogql', key: 'notEmpty($session_id) AND NOT session.$is_bot', value: null }],
  trendsFilter: { display: 'ActionsLineGraph' },
  compareFilter: { compare: true },
};
const table = { kind: 'WebStatsTableQuery', breakdownBy: 'Country', dateRange: range, properties: filters, compareFilter: { compare: true }, includeBounceRate: false, limit: 250 };
const goals = { kind: 'WebGoalsQuery', dateRange: range, properties: [], limit: 10 };
const [LIVE_SQL] = [...SHARED_HOGQL_QUERIES];

test('every query the web analytics page sends is accepted through a shared link, unchanged', () => {
  const queries = [overview, { ...overview, properties: filters }, chart, table, goals, ...[...SHARED_HOGQL_QUERIES].map((query) => ({ kind: 'HogQLQuery', query }))];
  for (const query of queries) {
    const result = sharedWebQuery(query);
    assert.ok(result.ok, `${JSON.stringify(query)}: ${result.ok ? '' : result.detail}`);
    assert.deepEqual(result.query, query, 'rebuilt to the same query');
  }
  // Only the live count is computed afresh on every ask.
  assert.deepEqual(
    queries.map((q) => { const r = sharedWebQuery(q); return r.ok && r.live === true; }),
    queries.map((q) => q.kind === 'HogQLQuery' && (q as { query: string }).query.startsWith('SELECT uniq(person_id)')),
  );
});

test('fields the page never sends are dropped rather than passed on', () => {
  const result = sharedWebQuery({ ...overview, filterTestAccounts: true, conversionGoal: { customEventName: 'secret' }, samplingFactor: 0.1, modifiers: { x: 1 } });
  assert.deepEqual(result, { ok: true, query: { kind: 'WebOverviewQuery', dateRange: { date_from: '-7d', date_to: null }, properties: [] } });
});

test('anything else is refused: other kinds, own SQL, other filters, other chart series, big pages', () => {
  const refused = [
    null,
    { kind: 'HogQLQuery', query: 'SELECT properties.email FROM events' },
    { kind: 'HogQLQuery', query: `${LIVE_SQL} ` },
    { kind: 'EventsQuery', select: ['*'] },
    { kind: 'ActorsQuery', source: overview },
    { kind: 'FunnelsQuery', series: [] },
    { ...overview, properties: [{ type: 'person', key: 'email', operator: 'exact', value: ['a@b.c'] }] },
    { ...overview, properties: [{ type: 'event', key: '$ip', operator: 'exact', value: ['1.2.3.4'] }] },
    { ...overview, properties: [{ type: 'event', key: '$pathname', operator: 'icontains', value: 'a' }] },
    { ...overview, properties: [{ type: 'event', key: '$pathname', operator: 'exact', value: ['/a', '/b'] }] },
    { ...overview, properties: [{ type: 'hogql', key: 'notEmpty($session_id) AND NOT session.$is_bot' }] },
    { ...overview, properties: [{ type: 'cohort', key: 'id', value: 1 }] },
    { ...overview, dateRange: {} },
    { ...table, limit: 10_000 },
    { ...chart, series: [{ kind: 'EventsNode', event: 'purchase', custom_name: 'Visitors', math: 'dau' }, { kind: 'EventsNode', event: '$pageview', custom_name: 'Pageviews', math: 'total' }] },
    { ...chart, properties: [{ type: 'hogql', key: '1 = 1', value: null }] },
    { ...chart, breakdownFilter: undefined, interval: 'minute' },
  ];
  for (const query of refused) assert.equal(sharedWebQuery(query).ok, false, JSON.stringify(query));
});
