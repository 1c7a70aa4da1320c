import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHogQLSelect } from './parse-hogql.js';
import { substitutePlaceholders } from './placeholders.js';
import { printHogQL } from './print-hogql.js';

const substitute = async (query: string, values: Record<string, unknown>) =>
  printHogQL(substitutePlaceholders(await parseHogQLSelect(query), values));

test('placeholders become constants, arrays become arrays of constants', async () => {
  assert.equal(await substitute('SELECT {a}, {b}, {c}, {d}', { a: "x'y", b: 2, c: null, d: ['p', 1] }), "SELECT 'x\\'y', 2, NULL, ['p', 1]");
});

test('missing values, objects and dotted placeholders are refused', async () => {
  await assert.rejects(substitute('SELECT {a}', {}), { code: 'resolution_error' });
  await assert.rejects(substitute('SELECT {a}', { a: { toString: 'x' } }), { code: 'unsupported' });
  await assert.rejects(substitute('SELECT {a.b}', { a: 1 }), { code: 'unsupported' });
  await assert.rejects(substitute('SELECT {a}', Object.create({ a: 1 })), { code: 'resolution_error' });
});
