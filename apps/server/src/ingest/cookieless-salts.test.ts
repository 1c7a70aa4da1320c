import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CookielessSalts } from './cookieless-salts.js';

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-salts-')), 'cookieless-salts.json');
}

test('a salt is made for each day in use and kept across a restart the same day, readable by the owner only', async () => {
  const file = tempFile();
  const noon = () => Date.parse('2024-06-29T12:00:00Z');
  const first = new CookielessSalts(file, noon);
  await first.refresh();
  const salts = first.current();
  assert.deepEqual(Object.keys(salts).sort(), ['2024-06-28', '2024-06-29', '2024-06-30']);
  for (const salt of Object.values(salts)) assert.equal(Buffer.from(salt, 'base64').length, 16);
  assert.equal(new Set(Object.values(salts)).size, 3, 'every day its own salt');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);

  const restarted = new CookielessSalts(file, noon);
  await restarted.refresh();
  assert.deepEqual(restarted.current(), salts);
});

test("a day's salt is deleted from memory and disk once no event can belong to that day", async () => {
  const file = tempFile();
  let now = Date.parse('2024-06-29T12:00:00Z');
  const store = new CookielessSalts(file, () => now);
  await store.refresh();
  const old = store.current()['2024-06-28'];
  now = Date.parse('2024-06-29T14:00:00Z');
  await store.refresh();
  assert.deepEqual(Object.keys(store.current()).sort(), ['2024-06-29', '2024-06-30']);
  const text = fs.readFileSync(file, 'utf8');
  assert.equal(text.includes('2024-06-28'), false);
  assert.equal(text.includes(old), false);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['cookieless-salts.json'], 'no temporary file left behind');
});
