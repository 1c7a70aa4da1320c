import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertTimezone } from './timezone.js';

test('IANA timezones pass through unchanged', () => {
  for (const tz of ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'Asia/Kolkata']) {
    assert.equal(assertTimezone(tz), tz);
  }
});

test('anything that is not a known IANA name is refused', () => {
  for (const tz of ["UTC'", 'UTC) OR (1', 'Europe/Berlin\n', '', '../etc/passwd', 'Mars/Olympus', 'a'.repeat(200)]) {
    assert.throws(() => assertTimezone(tz), { code: 'unsupported' }, JSON.stringify(tz));
  }
});
