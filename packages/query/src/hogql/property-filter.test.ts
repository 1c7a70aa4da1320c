import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HExpr } from './hogql-ast.js';
import { printHogQL } from './print-hogql.js';
import { propertyFiltersToHogQL, type PropertyFilter, type PropertyFilters } from './property-filter.js';

const toText = async (filters: PropertyFilters) => printHogQL((await propertyFiltersToHogQL(filters)) as HExpr);
const one = (filter: PropertyFilter) => toText([filter]);

test('each operator becomes the HogQL condition PostHog uses', async () => {
  const cases: [PropertyFilter, string][] = [
    [{ key: '$browser', value: 'Chrome' }, "properties.$browser = 'Chrome'"],
    [{ key: '$browser', value: ['Chrome', 'Firefox'], operator: 'exact' }, "properties.$browser IN ('Chrome', 'Firefox')"],
    [{ key: 'beta', value: true, operator: 'exact' }, "properties.beta = 'true'"],
    [{ key: '$browser', value: ['Chrome', 'Safari'], operator: 'is_not' }, "isNull(properties.$browser) OR properties.$browser NOT IN ('Chrome', 'Safari')"],
    [{ key: 'email', value: '@acme', operator: 'icontains', type: 'person' }, "positionCaseInsensitiveUTF8(person.properties.email, '@acme') > 0"],
    [{ key: 'url', value: 'x', operator: 'not_icontains' }, "isNull(properties.url) OR positionCaseInsensitiveUTF8(properties.url, 'x') = 0"],
    [{ key: 'url', value: '^https', operator: 'regex' }, "match(properties.url, '^https')"],
    [{ key: 'url', value: '^https', operator: 'not_regex' }, "isNull(properties.url) OR NOT match(properties.url, '^https')"],
    [{ key: 'price', value: 10, operator: 'gt' }, 'toFloat(properties.price) > 10'],
    [{ key: 'price', value: '2.5', operator: 'lte' }, 'toFloat(properties.price) <= 2.5'],
    [{ key: 'plan', operator: 'is_set', value: 'is_set' }, 'isNotNull(properties.plan)'],
    [{ key: 'plan', operator: 'is_not_set' }, 'isNull(properties.plan)'],
    [{ key: 'distinct_id', value: 'bob', type: 'event_metadata' }, "distinct_id = 'bob'"],
    [{ key: "properties.plan = 'pro'", type: 'hogql' }, "properties.plan = 'pro'"],
  ];
  for (const [filter, expected] of cases) assert.equal(await one(filter), expected, JSON.stringify(filter));
});

test('keys are field names, not text: a hostile key stays one quoted identifier', async () => {
  assert.equal(await one({ key: "x') OR 1=1 --", value: 'a' }), "properties.`x') OR 1=1 --` = 'a'");
});

test('groups nest with AND and OR, and empty groups match everything', async () => {
  const text = await toText({
    type: 'AND',
    values: [
      { type: 'OR', values: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] },
      { type: 'AND', values: [] },
      { key: 'c', operator: 'is_set' },
    ],
  });
  assert.equal(text, "(properties.a = '1' OR properties.b = '2') AND isNotNull(properties.c)");
  assert.equal(await propertyFiltersToHogQL([]), undefined);
});

test('unsupported types, operators and values are refused', async () => {
  await assert.rejects(one({ key: 'id', type: 'cohort', value: 1 }), { code: 'unsupported' });
  await assert.rejects(one({ key: 'a', operator: 'semver_gt', value: '1.0.0' }), { code: 'unsupported' });
  await assert.rejects(one({ key: 'a', operator: 'gt', value: 'ten' }), { code: 'unsupported' });
  await assert.rejects(one({ key: 'a', operator: 'exact', value: null }), { code: 'unsupported' });
  await assert.rejects(one({ key: '', value: 'x' }), { code: 'unsupported' });
});
