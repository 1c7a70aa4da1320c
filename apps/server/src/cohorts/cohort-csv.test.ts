import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../platform/app-error.js';
import { parseCohortCsv } from './cohort-csv.js';

test('without a known header every first cell is an identifier, blanks and repeats dropped', () => {
  assert.deepEqual(parseCohortCsv('u1\n\nu2, extra\n"u,3"\nu1\n'), { identifiers: ['u1', 'u2', 'u,3'], personIds: [], emails: [] });
  assert.deepEqual(parseCohortCsv(Buffer.from('\uFEFFu1\r\nu2\r\n')).identifiers, ['u1', 'u2'], 'BOM and CRLF');
});

test('a header picks the column: person_id, then distinct_id, then email', () => {
  assert.deepEqual(parseCohortCsv('name,distinct_id\nAna,u1\nBo,u2\n').identifiers, ['u1', 'u2']);
  assert.deepEqual(parseCohortCsv('Email,name\na@x.io,Ana\n').emails, ['a@x.io']);
  const ids = parseCohortCsv('distinct_id,person_id\nu1,0190A000-0000-4000-8000-000000000001\n');
  assert.deepEqual([ids.identifiers, ids.personIds], [[], ['0190a000-0000-4000-8000-000000000001']]);
});

test('an unreadable file or an oversized identifier is a 400 on csv', () => {
  assert.throws(() => parseCohortCsv('"unterminated\n'), (e: unknown) => e instanceof AppError && e.status === 400 && e.attr === 'csv');
  assert.throws(() => parseCohortCsv(`${'x'.repeat(401)}\n`), (e: unknown) => e instanceof AppError && e.attr === 'csv');
});
