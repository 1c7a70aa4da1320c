import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeActivity } from './flag-activity';

const olivia = { id: 1, uuid: 'u', email: 'owner@example.com', first_name: 'Olivia' };

test('creation, deletion and the kill switch read as sentences', () => {
  assert.equal(describeActivity({ activity: 'created', user: olivia, detail: {} }), 'Olivia created the flag');
  assert.equal(describeActivity({ activity: 'deleted', user: olivia, detail: {} }), 'Olivia deleted the flag');
  assert.equal(
    describeActivity({ activity: 'updated', user: olivia, detail: { changes: [{ type: 'FeatureFlag', action: 'changed', field: 'active', before: true, after: false }] } }),
    'Olivia disabled the flag',
  );
});

test('several changed fields are listed; a user without a name shows their email', () => {
  const entry = {
    activity: 'updated' as const,
    user: { ...olivia, first_name: '' },
    detail: {
      changes: [
        { type: 'FeatureFlag', action: 'changed', field: 'filters' },
        { type: 'FeatureFlag', action: 'changed', field: 'name' },
        { type: 'FeatureFlag', action: 'changed', field: 'active', after: true },
      ],
    },
  };
  assert.equal(describeActivity(entry), 'owner@example.com changed the release conditions, changed the description and enabled the flag');
  assert.equal(describeActivity({ activity: 'updated', user: null, detail: {} }), 'Someone saved the flag');
});
