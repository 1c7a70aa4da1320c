import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CohortRefresher } from './cohort-refresher.js';

const logger = { warn: () => {} };

test('a pass recalculates the cohorts last calculated more than an interval ago, one at a time, in the order given', async () => {
  const asked: string[] = [];
  let running = 0;
  let most = 0;
  const calculator = {
    recalculate: async (teamId: number, id: number) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      asked.push(`${teamId}:${id}`);
    },
  };
  let before = '';
  const cohorts = {
    stale: async (b: string) => ((before = b), [{ teamId: 1, id: 3 }, { teamId: 2, id: 1 }]),
    clearCalculating: async () => {},
  };
  const refresher = new CohortRefresher(cohorts, calculator, 60_000, logger, () => Date.parse('2024-05-01T12:00:00Z'));
  await Promise.all([refresher.runOnce(), refresher.runOnce()]);
  assert.deepEqual(asked, ['1:3', '2:1'], 'two calls during one pass share it');
  assert.equal(most, 1);
  assert.equal(before, '2024-05-01T11:59:00.000Z');
});

test('start clears what a previous process left calculating; the timer runs passes until stopped', async () => {
  let cleared = false;
  let passes = 0;
  const cohorts = { stale: async () => (passes++, []), clearCalculating: async () => void (cleared = true) };
  const refresher = new CohortRefresher(cohorts, { recalculate: async () => {} }, 1_000, logger);
  const started = Date.now();
  await refresher.start();
  assert.equal(cleared, true);
  while (passes < 2 && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 50));
  await refresher.stop();
  const after = passes;
  assert.ok(after >= 2, `${after} passes`);
  await new Promise((r) => setTimeout(r, 1_200));
  assert.equal(passes, after, 'no pass after stop');
});
