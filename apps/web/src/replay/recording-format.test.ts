import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockTime, recordingPersonName, shortUrl } from './recording-format';

test('clock times read m:ss under an hour and h:mm:ss from an hour on', () => {
  assert.equal(clockTime(0), '0:00');
  assert.equal(clockTime(999), '0:00');
  assert.equal(clockTime(5_000), '0:05');
  assert.equal(clockTime(312_000), '5:12');
  assert.equal(clockTime(3_723_000), '1:02:03');
  assert.equal(clockTime(-5), '0:00');
  assert.equal(clockTime(Number.NaN), '0:00');
});

test('URLs lose their scheme, and a bare root its slash', () => {
  assert.equal(shortUrl('https://shop.test/pricing?x=1'), 'shop.test/pricing?x=1');
  assert.equal(shortUrl('https://shop.test/'), 'shop.test');
  assert.equal(shortUrl('not a url'), 'not a url');
  assert.equal(shortUrl(null), '');
});

test("a recording's person is named by the server's name for them, else the distinct id", () => {
  assert.equal(recordingPersonName({ distinct_id: 'u1', person: { name: 'a@x.test' } }), 'a@x.test');
  assert.equal(recordingPersonName({ distinct_id: 'u1', person: null }), 'u1');
  assert.equal(recordingPersonName({ distinct_id: 'u1', person: { name: '  ' } }), 'u1');
});
