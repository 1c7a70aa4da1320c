import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHogQLExpr, parseHogQLSelect } from './parse-hogql.js';
import { printHogQL } from './print-hogql.js';

test('expressions print as the HogQL a user would write', async () => {
  const cases: [string, string][] = [
    ['count()', 'count()'],
    ['properties.$browser', 'properties.$browser'],
    ["properties['a b']", "properties['a b']"],
    ['quantile(0.5)(x)', 'quantile(0.5)(x)'],
    ["event = 'it''s'", "event = 'it\\'s'"],
    ['(a + b) * c', '(a + b) * c'],
    ['a AND (b OR NOT c)', 'a AND (b OR NOT c)'],
    ['a - (b - c)', 'a - (b - c)'],
    ['x -> x * 2', 'x -> x * 2'],
    ['`odd name`', '`odd name`'],
    ['`a``b`', '`a``b`'],
  ];
  for (const [input, expected] of cases) assert.equal(printHogQL(await parseHogQLExpr(input)), expected, input);
});

test('printed queries parse back to the same text', async () => {
  const source = "WITH x AS (SELECT event FROM events) SELECT e.event AS ev, count() FROM events AS e LEFT JOIN x ON x.event = e.event WHERE e.timestamp > now() - toIntervalDay(1) GROUP BY ev ORDER BY count() DESC LIMIT 10";
  const once = printHogQL(await parseHogQLSelect(source));
  assert.equal(printHogQL(await parseHogQLSelect(once)), once);
});
