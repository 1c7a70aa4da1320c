import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWebState, periodOf, propertyFiltersOf, webStateParams, withFilter, type WebPageState } from './web-page-state';

test('a plain link is the last 7 days, no compare, no filters; and such a state writes no params', () => {
  const state = parseWebState(new URLSearchParams(''));
  assert.deepEqual(state, { period: '7d', compare: false, filters: [] });
  assert.equal(webStateParams(state).toString(), '');
});

test('range, compare and filters survive the trip through the URL, values with separators included', () => {
  const state: WebPageState = {
    period: '30d',
    compare: true,
    filters: [
      { type: 'session', key: '$channel_type', value: 'Direct' },
      { type: 'event', key: '$pathname', value: '/a|b?c=1&d' },
      { type: 'session', key: '$entry_referring_domain', value: null },
      { type: 'event', key: '$pathname', value: '' },
    ],
  };
  const url = webStateParams(state).toString();
  assert.deepEqual(parseWebState(new URLSearchParams(url)), state);
});

test('unknown ranges, filter kinds and malformed filters are ignored rather than failing the page', () => {
  const state = parseWebState(new URLSearchParams('period=-3d&compare=yes&f=person|email|a&f=|x|y&f=event&f=event|'));
  assert.deepEqual(state, { period: '7d', compare: false, filters: [] });
});

test('today is charted by the hour, longer ranges by the day', () => {
  assert.equal(periodOf('today').interval, 'hour');
  assert.equal(periodOf('today').dateFrom, 'dStart');
  assert.equal(periodOf('90d').interval, 'day');
  assert.equal(periodOf('all').dateFrom, 'all');
});

test('clicking a value of a property already filtered replaces that filter; others stay', () => {
  const channel = { type: 'session', key: '$channel_type', value: 'Direct' } as const;
  const page = { type: 'event', key: '$pathname', value: '/' } as const;
  const next = withFilter([channel, page], { type: 'event', key: '$pathname', value: '/pricing' });
  assert.deepEqual(next, [channel, { type: 'event', key: '$pathname', value: '/pricing' }]);
  // Same key, other kind: a different filter.
  assert.equal(withFilter(next, { type: 'event', key: '$channel_type', value: 'x' }).length, 3);
});

test('filters go to the queries as equality, or "is not set" for the rows without a value', () => {
  assert.deepEqual(
    propertyFiltersOf([
      { type: 'session', key: '$channel_type', value: 'Direct' },
      { type: 'session', key: '$entry_utm_source', value: null },
    ]),
    [
      { type: 'session', key: '$channel_type', operator: 'exact', value: ['Direct'] },
      { type: 'session', key: '$entry_utm_source', operator: 'is_not_set', value: null },
    ],
  );
});
