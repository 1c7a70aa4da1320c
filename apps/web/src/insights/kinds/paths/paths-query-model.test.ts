import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addExclusion, cleaningRules, defaultPathsQuery, setPathsFilter, toggleEventType } from './paths-query-model';

test('a new paths insight follows page views, five steps deep', () => {
  assert.deepEqual(defaultPathsQuery().pathsFilter, { includeEventTypes: ['$pageview'], stepLimit: 5 });
});

test('event types toggle on and off and keep a fixed order', () => {
  assert.deepEqual(toggleEventType(['custom_event'], '$pageview', true), ['$pageview', 'custom_event']);
  assert.deepEqual(toggleEventType(['$pageview', '$screen'], '$pageview', false), ['$screen']);
});

test('cleared start points and empty lists leave the query, so the server uses its defaults', () => {
  let q = setPathsFilter(defaultPathsQuery(), { startPoint: '/home', excludeEvents: ['/x'] });
  assert.equal(q.pathsFilter.startPoint, '/home');
  q = setPathsFilter(q, { startPoint: '', excludeEvents: [] });
  assert.equal('startPoint' in q.pathsFilter, false);
  assert.equal('excludeEvents' in q.pathsFilter, false);
  assert.equal(q.pathsFilter.stepLimit, 5);
});

test('cleaning rules without a regex are left out and the rest are numbered in order', () => {
  assert.deepEqual(
    cleaningRules([
      { regex: '', alias: 'nothing' },
      { regex: '/user/\\d+', alias: '/user/:id' },
      { regex: '\\?.*', alias: '' },
    ]),
    [
      { regex: '/user/\\d+', alias: '/user/:id', order: 0 },
      { regex: '\\?.*', alias: '', order: 1 },
    ],
  );
});

test('an exclusion is added once and blanks are ignored', () => {
  assert.deepEqual(addExclusion(['/a'], ' /b '), ['/a', '/b']);
  assert.deepEqual(addExclusion(['/a'], '/a'), ['/a']);
  assert.deepEqual(addExclusion(['/a'], '  '), ['/a']);
});
