import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError, type HogQLErrorCode } from '../../hogql/hogql-error.js';
import { readPathsQuery, type PathsFilter } from './paths-filter.js';

const read = (pathsFilter: PathsFilter | null | undefined, extra: Record<string, unknown> = {}) =>
  readPathsQuery({ kind: 'PathsQuery', pathsFilter, ...extra });

function refused(pathsFilter: unknown, code: HogQLErrorCode, fragment: string, extra: Record<string, unknown> = {}): void {
  assert.throws(
    () => read(pathsFilter as PathsFilter, extra),
    (error: unknown) => error instanceof HogQLError && error.code === code && error.detail.includes(fragment),
    `${JSON.stringify(pathsFilter)} should be refused with ${code} mentioning ${fragment}`,
  );
}

test("PostHog's defaults: every event type, 5 steps, 50 edges, no points, weights, exclusions or rules", () => {
  assert.deepEqual(read(undefined), {
    includeEventTypes: [],
    stepLimit: 5,
    edgeLimit: 50,
    excludeEvents: [],
    pathGroupings: [],
    cleaningFilters: [],
  });
});

test('given values are kept; empty points and zero weights mean "not set", as PostHog reads them', () => {
  const s = read({
    includeEventTypes: ['$pageview', 'custom_event'], startPoint: '/a', endPoint: '', stepLimit: 8, edgeLimit: 3,
    minEdgeWeight: 2, maxEdgeWeight: 0, excludeEvents: ['x'], pathGroupings: ['/p/*'], pathReplacements: true,
  });
  assert.deepEqual(s.includeEventTypes, ['$pageview', 'custom_event']);
  assert.equal(s.startPoint, '/a');
  assert.equal(s.endPoint, undefined);
  assert.equal(s.stepLimit, 8);
  assert.equal(s.edgeLimit, 3);
  assert.equal(s.minEdgeWeight, 2);
  assert.equal(s.maxEdgeWeight, undefined);
  assert.deepEqual(s.excludeEvents, ['x']);
  assert.deepEqual(s.pathGroupings, ['/p/*']);
});

test('cleaning rules run by their order (unordered ones after, in list order); rules without a regex are dropped', () => {
  const s = read({
    localPathCleaningFilters: [
      { alias: 'c', regex: 'c' }, { alias: 'b', regex: 'b', order: 2 }, { alias: 'none', regex: null, order: 0 },
      { regex: 'a', order: 1 }, { alias: 'd', regex: 'd' },
    ],
  });
  assert.deepEqual(s.cleaningFilters, [
    { regex: 'a', alias: '' }, { regex: 'b', alias: 'b' }, { regex: 'c', alias: 'c' }, { regex: 'd', alias: 'd' },
  ]);
});

test('wrong types, unknown event types and out-of-range numbers are refused with the field named', () => {
  refused('nope', 'unsupported', 'pathsFilter');
  refused({ includeEventTypes: ['$autocapture'] }, 'unsupported', 'includeEventTypes');
  refused({ includeEventTypes: '$pageview' }, 'unsupported', 'includeEventTypes');
  refused({ stepLimit: 0 }, 'unsupported', 'stepLimit');
  refused({ stepLimit: 2.5 }, 'unsupported', 'stepLimit');
  refused({ stepLimit: 101 }, 'unsupported', 'stepLimit');
  refused({ edgeLimit: -1 }, 'unsupported', 'edgeLimit');
  refused({ edgeLimit: '50' }, 'unsupported', 'edgeLimit');
  refused({ minEdgeWeight: -1 }, 'unsupported', 'minEdgeWeight');
  refused({ maxEdgeWeight: 'big' }, 'unsupported', 'maxEdgeWeight');
  refused({ startPoint: 5 }, 'unsupported', 'startPoint');
  refused({ excludeEvents: [1] }, 'unsupported', 'excludeEvents');
  refused({ pathGroupings: 'a*' }, 'unsupported', 'pathGroupings');
  refused({ pathReplacements: 'yes' }, 'unsupported', 'pathReplacements');
  refused({ pathsHogQLExpression: {} }, 'unsupported', 'pathsHogQLExpression');
  refused({ pathStartKey: 1 }, 'unsupported', 'pathStartKey');
  refused({ localPathCleaningFilters: {} }, 'unsupported', 'localPathCleaningFilters');
  refused({ localPathCleaningFilters: [{ regex: 1 }] }, 'unsupported', 'localPathCleaningFilters[0].regex');
  refused({ localPathCleaningFilters: [{ regex: 'a', order: 'first' }] }, 'unsupported', 'order');
  refused({}, 'unsupported', 'dateRange', { dateRange: 'last week' });
  refused({}, 'unsupported', 'dateRange.date_from', { dateRange: { date_from: 7 } });
  refused({}, 'unsupported', 'filterTestAccounts', { filterTestAccounts: 'yes' });
  refused({}, 'unsupported', 'funnelPathsFilter', { funnelPathsFilter: { funnelPathType: 'funnel_path_after_step' } });
  assert.throws(() => readPathsQuery({ kind: 'TrendsQuery' } as never), HogQLError);
});

test('an invalid cleaning regex, or one RE2 cannot run, is a syntax error naming the rule', () => {
  refused({ localPathCleaningFilters: [{ regex: '([a-z' }] }, 'syntax_error', 'localPathCleaningFilters[0].regex');
  refused({ localPathCleaningFilters: [{ regex: 'ok' }, { regex: '(?=x)' }] }, 'syntax_error', 'localPathCleaningFilters[1].regex');
});
