import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdoutLabel, holdoutShare, newHoldoutBody, newHoldoutErrors } from './holdout-model';

test('a holdout reads as its name and the share it keeps out', () => {
  const holdout = { name: 'Q4 holdout', filters: [{ properties: [], rollout_percentage: 12.5, variant: 'holdout-3' }] };
  assert.equal(holdoutShare(holdout), 12.5);
  assert.equal(holdoutLabel(holdout), 'Q4 holdout (12.5% held out)');
  assert.equal(holdoutShare({ filters: [] }), 0);
});

test('a new holdout needs a name and a share strictly between 0 and 100, and is sent in PostHog’s filter form', () => {
  assert.deepEqual(newHoldoutErrors('', 10), { name: 'Name the holdout.' });
  assert.deepEqual(Object.keys(newHoldoutErrors('Q4', 0)), ['share']);
  assert.deepEqual(Object.keys(newHoldoutErrors('Q4', 100)), ['share']);
  assert.deepEqual(Object.keys(newHoldoutErrors('Q4', Number.NaN)), ['share']);
  assert.deepEqual(newHoldoutErrors('Q4', 10), {});
  assert.deepEqual(newHoldoutBody('  Q4  ', 10), { name: 'Q4', filters: [{ properties: [], rollout_percentage: 10 }] });
});
