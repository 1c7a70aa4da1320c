import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExperimentTimeseriesPointApi } from '@warren/shared/experiment-results-api';
import { experimentDays, timeseriesResultsView } from './timeseries-results-view.js';

const point = (date: string, samples: number, significant = false): ExperimentTimeseriesPointApi => ({
  date,
  baseline: { key: 'control', number_of_samples: samples, sum: 1, sum_squares: 1 },
  variant_results: [{ key: 'test', number_of_samples: samples, sum: 2, sum_squares: 2, significant } as ExperimentTimeseriesPointApi['variant_results'][number]],
});

const input = {
  experimentId: 5,
  metricUuid: 'm-1',
  startDate: new Date('2024-05-01T10:00:00Z'),
  endDate: new Date('2024-05-05T00:00:00Z'),
  now: new Date('2024-06-01T00:00:00Z'),
  timezone: 'UTC',
  createdAt: '2024-04-30T00:00:00Z',
  updatedAt: '2024-05-05T00:00:00Z',
  statsMethod: 'bayesian' as const,
};

test('every day of the experiment is a key; days without a point repeat the day before, days before any exposure are null', () => {
  const view = timeseriesResultsView({ ...input, points: [point('2024-05-02', 10), point('2024-05-04', 30, true)] });
  assert.deepEqual(Object.keys(view.timeseries), ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04'], 'ends at midnight: no May 5');
  assert.equal(view.timeseries['2024-05-01'], null);
  assert.equal(view.timeseries['2024-05-02']!.baseline.number_of_samples, 10);
  assert.deepEqual(view.timeseries['2024-05-03'], view.timeseries['2024-05-02'], 'cumulative: nothing new on May 3');
  assert.deepEqual([view.timeseries['2024-05-04']!.significant, view.timeseries['2024-05-02']!.significant], [true, false]);
  assert.deepEqual([view.experiment_id, view.metric_uuid, view.status, view.errors, view.timeseries['2024-05-04']!.kind], [5, 'm-1', 'completed', null, 'ExperimentQuery']);
});

test('a running experiment runs to today; days are the project timezone’s', () => {
  const running = timeseriesResultsView({ ...input, endDate: null, now: new Date('2024-05-03T12:00:00Z'), points: [] });
  assert.deepEqual(Object.keys(running.timeseries), ['2024-05-01', '2024-05-02', '2024-05-03']);
  // 10:00 UTC on May 1 is already evening in Auckland; 23:00 UTC on May 2 is May 2 in Los Angeles.
  assert.deepEqual(experimentDays(new Date('2024-05-01T10:00:00Z'), new Date('2024-05-01T12:30:00Z'), 'Pacific/Auckland'), ['2024-05-01', '2024-05-02']);
  assert.deepEqual(experimentDays(new Date('2024-05-02T06:00:00Z'), new Date('2024-05-02T23:00:00Z'), 'America/Los_Angeles'), ['2024-05-01', '2024-05-02']);
});

test('a day shortened by daylight saving is still listed once, and at most a year of days is listed', () => {
  // Europe/London moves its clocks forward at 01:00 UTC on 31 March 2024.
  assert.deepEqual(experimentDays(new Date('2024-03-30T12:00:00Z'), new Date('2024-04-01T12:00:00Z'), 'Europe/London'), ['2024-03-30', '2024-03-31', '2024-04-01']);
  const long = experimentDays(new Date('2020-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z'), 'UTC');
  assert.deepEqual([long.length, long[long.length - 1]], [366, '2024-01-01']);
});
