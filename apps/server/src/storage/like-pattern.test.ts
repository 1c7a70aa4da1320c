import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { containsPattern } from './like-pattern.js';

test('containsPattern escapes LIKE wildcards and the escape character', () => {
  assert.equal(containsPattern('plain'), '%plain%');
  assert.equal(containsPattern('50%_off\\'), '%50\\%\\_off\\\\%');
  assert.equal(containsPattern(''), '%%');
});

test('containsPattern matches its text literally in SQLite, wildcards included', () => {
  const db = new Database(':memory:');
  const like = (value: string, text: string): boolean =>
    (db.prepare(`select ? like ? escape '\\' as m`).get(value, containsPattern(text)) as { m: number }).m === 1;
  assert.equal(like('summer 50%_off sale', '50%_off'), true);
  assert.equal(like('summer 50 and off sale', '50%_off'), false, '% in the text is not a wildcard');
  assert.equal(like('a_b', 'a_b'), true);
  assert.equal(like('axb', 'a_b'), false, '_ in the text is not a wildcard');
  assert.equal(like('c:\\temp', 'c:\\t'), true);
  assert.equal(like('c:temp', 'c:\\t'), false, 'a backslash in the text is a backslash');
  db.close();
});
