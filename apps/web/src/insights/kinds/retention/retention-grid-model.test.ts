import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RetentionRowApi } from '@warren/shared/retention-api';
import { cellActors, cellShade, cohortLabel, retentionGrid } from './retention-grid-model';
import { defaultRetentionQuery } from './retention-query-model';

function row(i: number, date: string, counts: number[], breakdown?: string): RetentionRowApi {
  return {
    label: `Week ${i}`,
    date,
    values: counts.map((count, j) => ({ count, label: `Week ${j}` })),
    ...(breakdown === undefined ? {} : { breakdown_value: breakdown }),
  };
}

const rows = [row(0, '2024-05-06T00:00:00Z', [4, 2, 1]), row(1, '2024-05-13T00:00:00Z', [2, 2]), row(2, '2024-05-20T00:00:00Z', [0])];

test('each cohort row has its size and the share of it that returned in each later period', () => {
  const grid = retentionGrid(rows, 'Week');
  assert.deepEqual(grid.periods, ['Week 0', 'Week 1', 'Week 2']);
  assert.deepEqual(
    grid.cohorts.map((c) => [c.label, c.size, c.cells.map((x) => x.ratio)]),
    [
      ['6 May 2024', 4, [1, 0.5, 0.25]],
      ['13 May 2024', 2, [1, 1]],
      ['20 May 2024', 0, [null]],
    ],
  );
});

test('the mean per period leaves out empty cohorts and cohorts too young to have that period', () => {
  const grid = retentionGrid(rows, 'Week');
  assert.deepEqual(grid.mean, [1, 0.75, 0.25]);
  assert.deepEqual(retentionGrid([], 'Day'), { periods: [], cohorts: [], mean: [] });
});

test('with a breakdown, rows count from 0 again within each value, as the actors query numbers them', () => {
  const grid = retentionGrid([row(0, '2024-05-06', [1, 1], 'Chrome'), row(1, '2024-05-13', [1], 'Chrome'), row(0, '2024-05-06', [2, 0], 'Safari')], 'Week');
  assert.deepEqual(grid.cohorts.map((c) => [c.breakdownLabel, c.interval]), [['Chrome', 0], ['Chrome', 1], ['Safari', 0]]);
  assert.deepEqual(cellActors(defaultRetentionQuery(), grid.cohorts[2]!, 1), {
    kind: 'InsightActorsQuery', source: defaultRetentionQuery(), interval: 0, period: 1, breakdown: 'Safari',
  });
});

test('clicking a cell asks for the cohort row and the period', () => {
  const q = defaultRetentionQuery();
  const cohort = retentionGrid(rows, 'Week').cohorts[1]!;
  assert.deepEqual(cellActors(q, cohort, 1), { kind: 'InsightActorsQuery', source: q, interval: 1, period: 1 });
});

test('cohort dates read in the timezone the server wrote them in, by period', () => {
  assert.equal(cohortLabel('2024-05-06T00:00:00Z', 'Day'), '6 May 2024');
  assert.equal(cohortLabel('2024-12-01T00:00:00-05:00', 'Month'), 'Dec 2024');
  assert.equal(cohortLabel('2024-05-06T13:00:00+02:00', 'Hour'), '6 May 13:00');
  assert.equal(cohortLabel('not a date', 'Day'), 'not a date');
});

test('cells shade darker with the share retained, up to a shade the text stays readable on', () => {
  assert.equal(cellShade(null), 'transparent');
  assert.equal(cellShade(0), 'rgba(29, 74, 255, 0.05)');
  assert.equal(cellShade(1), 'rgba(29, 74, 255, 0.6)');
  assert.equal(cellShade(2), 'rgba(29, 74, 255, 0.6)');
});
