import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRelativeOrIsoDate } from './parse-date-param.js';

const now = new Date('2024-05-31T12:00:00.000Z');
const ago = (value: string) => parseRelativeOrIsoDate(value, now)?.toISOString();

test("relative dates read PostHog's units: M is minutes and m is months", () => {
  assert.equal(ago('-30s'), '2024-05-31T11:59:30.000Z');
  assert.equal(ago('-15M'), '2024-05-31T11:45:00.000Z');
  assert.equal(ago('-24h'), '2024-05-30T12:00:00.000Z');
  assert.equal(ago('-3d'), '2024-05-28T12:00:00.000Z');
  assert.equal(ago('-2w'), '2024-05-17T12:00:00.000Z');
  assert.equal(ago('-1m'), '2024-05-01T12:00:00.000Z');
  assert.equal(ago('-1q'), '2024-03-01T12:00:00.000Z');
  assert.equal(ago('-1y'), '2023-05-31T12:00:00.000Z');
});

test('ISO dates pass through and anything else is null', () => {
  assert.equal(ago('2024-05-01 10:00:00Z'), '2024-05-01T10:00:00.000Z');
  assert.equal(ago('yesterday'), undefined);
  assert.equal(ago('-1x'), undefined);
});
