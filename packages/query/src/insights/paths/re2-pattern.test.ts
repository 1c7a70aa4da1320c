import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { assertRe2Pattern } from './re2-pattern.js';

const refused = (pattern: string) =>
  assert.throws(() => assertRe2Pattern(pattern, 'regex'), (e: unknown) => e instanceof HogQLError && e.code === 'syntax_error', pattern);

test('patterns RE2 runs are accepted, including look-alikes of unsupported syntax that are escaped or in a class', () => {
  for (const pattern of ['(?i:abc)', '[]a]', '/item/\\d+', '^/(a|b)/[0-9]{2,}$', '\\(?=x', '[(?=]', '[]\\\\1]', '(?i)abc', '(?:a)', '(?P<id>\\d+)', '\\\\1']) {
    assert.doesNotThrow(() => assertRe2Pattern(pattern, 'regex'), pattern);
  }
});

test('syntax errors, lookarounds, backreferences, \\u and \\c escapes and huge patterns are refused', () => {
  for (const pattern of ['(', '(?i', '[a-', '*a', '(?=a)', '(?!a)', '(?<=a)b', '(?<!a)b', '(a)\\1', '(?<n>a)\\k<n>', '\\u0041', '\\cA']) {
    refused(pattern);
  }
  refused('a'.repeat(1001));
});
