import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hCompare, hConstant, hField, type HExpr } from './hogql-ast.js';
import { printHogQL } from './print-hogql.js';
import {
  propertyFiltersToHogQL,
  type PropertyFilter,
  type PropertyFilterOptions,
  type PropertyFilters,
} from './property-filter.js';

const toText = async (filters: PropertyFilters, options?: PropertyFilterOptions) =>
  printHogQL((await propertyFiltersToHogQL(filters, options)) as HExpr);
const one = (filter: PropertyFilter, options?: PropertyFilterOptions) => toText([filter], options);

async function expectAll(cases: [PropertyFilter, string][], options?: PropertyFilterOptions) {
  for (const [filter, expected] of cases) assert.equal(await one(filter, options), expected, JSON.stringify(filter));
}

test('equality, containment and regex operators become the HogQL conditions PostHog uses', async () => {
  await expectAll([
    [{ key: '$browser', value: 'Chrome' }, "properties.$browser = 'Chrome'"],
    [{ key: '$browser', value: ['Chrome', 'Firefox'], operator: 'exact' }, "properties.$browser IN ('Chrome', 'Firefox')"],
    [{ key: 'beta', value: true, operator: 'exact' }, "properties.beta = 'true'"],
    [{ key: 'n', value: 10 }, "properties.n = '10' OR ifNull(toFloat(properties.n) = 10, 0)"],
    [{ key: 'path', value: '/a', operator: 'is_cleaned_path_exact' }, "properties.path = '/a'"],
    [{ key: '$browser', value: ['Chrome', 'Safari'], operator: 'is_not' }, "isNull(properties.$browser) OR NOT properties.$browser IN ('Chrome', 'Safari')"],
    [{ key: 'email', value: '@acme', operator: 'icontains', type: 'person' }, "positionCaseInsensitiveUTF8(person.properties.email, '@acme') > 0"],
    [{ key: 'url', value: ['x', 'y'], operator: 'icontains_multi' }, "positionCaseInsensitiveUTF8(properties.url, 'x') > 0 OR positionCaseInsensitiveUTF8(properties.url, 'y') > 0"],
    [{ key: 'url', value: 'x', operator: 'not_icontains' }, "isNull(properties.url) OR NOT positionCaseInsensitiveUTF8(properties.url, 'x') > 0"],
    [{ key: 'url', value: '^https', operator: 'regex' }, "match(properties.url, '^https')"],
    [{ key: 'url', value: '(?i)^HTTPS', operator: 'not_regex' }, "isNull(properties.url) OR NOT match(properties.url, '(?i)^HTTPS')"],
    [{ key: 'url', value: 'HTTPS', operator: 'starts_with' }, "startsWith(lowerUTF8(properties.url), lowerUTF8('HTTPS'))"],
    [{ key: 'url', value: '.PDF', operator: 'not_ends_with' }, "isNull(properties.url) OR NOT endsWith(lowerUTF8(properties.url), lowerUTF8('.PDF'))"],
    [{ key: 'plan', operator: 'is_set', value: 'is_set' }, 'isNotNull(properties.plan)'],
    [{ key: 'plan', operator: 'is_not_set' }, 'isNull(properties.plan)'],
  ]);
});

test('numeric operators compare toFloat of the property, so text that is no number never matches', async () => {
  await expectAll([
    [{ key: 'price', value: 10, operator: 'gt' }, 'toFloat(properties.price) > 10'],
    [{ key: 'price', value: '2.5', operator: 'lte' }, 'toFloat(properties.price) <= 2.5'],
    [{ key: 'price', value: 3, operator: 'min' }, 'toFloat(properties.price) >= 3'],
    [{ key: 'price', value: 3, operator: 'max' }, 'toFloat(properties.price) <= 3'],
    [{ key: 'price', value: [1, '5'], operator: 'between' }, 'toFloat(properties.price) >= 1 AND toFloat(properties.price) <= 5'],
    [{ key: 'price', value: [1, 5], operator: 'not_between' }, 'toFloat(properties.price) < 1 OR toFloat(properties.price) > 5'],
  ]);
});

test('absolute dates are read by ClickHouse in the project timezone; a day means that whole day', async () => {
  const parsed = (text: string) => `parseDateTimeBestEffortOrNull(${text})`;
  await expectAll([
    [{ key: 'd', value: '2024-05-01', operator: 'is_date_exact' }, `${parsed('properties.d')} >= ${parsed("'2024-05-01'")} AND ${parsed('properties.d')} < ${parsed("'2024-05-02'")}`],
    [{ key: 'd', value: '2024-2-29', operator: 'is_date_exact' }, `${parsed('properties.d')} >= ${parsed("'2024-02-29'")} AND ${parsed('properties.d')} < ${parsed("'2024-03-01'")}`],
    [{ key: 'd', value: '2024-05-01T10:00:00Z', operator: 'is_date_before' }, `${parsed('properties.d')} < ${parsed("'2024-05-01T10:00:00Z'")}`],
    [{ key: 'd', value: '2024-05-01 10:00', operator: 'is_date_exact' }, `${parsed('properties.d')} >= ${parsed("'2024-05-01 10:00'")} AND ${parsed('properties.d')} < addSeconds(${parsed("'2024-05-01 10:00'")}, 1)`],
    [{ key: 'timestamp', value: '2024-05-01', operator: 'is_date_after', type: 'event_metadata' }, `timestamp > ${parsed("'2024-05-01'")}`],
  ]);
});

test('relative dates resolve against the options: now and the project timezone', async () => {
  const options = { now: new Date('2024-05-08T15:00:00Z'), timezone: 'Europe/Berlin' };
  const after = await propertyFiltersToHogQL([{ key: 'd', value: '-7d', operator: 'is_date_after' }], options);
  assert.deepEqual(after, hCompare('>', { node: 'Call', name: 'parseDateTimeBestEffortOrNull', args: [hField('properties', 'd')] }, hConstant(new Date('2024-05-01T15:00:00Z'))));
  // -1d is May 7 in Berlin: midnight to midnight there, 22:00Z to 22:00Z.
  const exact = await one({ key: 'd', value: '-1d', operator: 'is_date_exact' }, options);
  assert.ok(exact.includes("toDateTime('2024-05-06T22:00:00.000Z')") && exact.includes("toDateTime('2024-05-07T22:00:00.000Z')"), exact);
  await assert.rejects(one({ key: 'd', value: '-7d', operator: 'is_date_after' }), { code: 'unsupported', message: /time and timezone/ });
});

test('semantic versions compare (major, minor, patch) parsed from the stored text', async () => {
  const stored =
    "(toInt64OrNull(extract(ifNull(properties.v, ''), '^\\\\s*[vV]?(\\\\d+)')), " +
    "toInt64OrZero(extract(ifNull(properties.v, ''), '^\\\\s*[vV]?\\\\d+\\\\.(\\\\d+)')), " +
    "toInt64OrZero(extract(ifNull(properties.v, ''), '^\\\\s*[vV]?\\\\d+\\\\.\\\\d+\\\\.(\\\\d+)')))";
  await expectAll([
    [{ key: 'v', value: 'v1.2-beta', operator: 'semver_gte' }, `ifNull(${stored} >= (1, 2, 0), 0)`],
    [{ key: 'v', value: '1.2.3', operator: 'semver_neq' }, `isNull(properties.v) OR NOT ifNull(${stored} = (1, 2, 3), 0)`],
    [{ key: 'v', value: '~1.2.3', operator: 'semver_tilde' }, `ifNull(${stored} >= (1, 2, 3) AND ${stored} < (1, 3, 0), 0)`],
    [{ key: 'v', value: '1', operator: 'semver_tilde' }, `ifNull(${stored} >= (1, 0, 0) AND ${stored} < (2, 0, 0), 0)`],
    [{ key: 'v', value: '^1.2.3', operator: 'semver_caret' }, `ifNull(${stored} >= (1, 2, 3) AND ${stored} < (2, 0, 0), 0)`],
    [{ key: 'v', value: '0.2.3', operator: 'semver_caret' }, `ifNull(${stored} >= (0, 2, 3) AND ${stored} < (0, 3, 0), 0)`],
    [{ key: 'v', value: '0.0.3', operator: 'semver_caret' }, `ifNull(${stored} >= (0, 0, 3) AND ${stored} < (0, 0, 4), 0)`],
    [{ key: 'v', value: '1.*', operator: 'semver_wildcard' }, `ifNull(${stored} >= (1, 0, 0) AND ${stored} < (2, 0, 0), 0)`],
    [{ key: 'v', value: '1.2.*', operator: 'semver_wildcard' }, `ifNull(${stored} >= (1, 2, 0) AND ${stored} < (1, 3, 0), 0)`],
  ]);
  await assert.rejects(one({ key: 'v', value: 'latest', operator: 'semver_gt' }), { code: 'unsupported', message: /version like 1\.2\.3/ });
  await assert.rejects(one({ key: 'v', value: '*', operator: 'semver_wildcard' }), { code: 'unsupported' });
});

test('filter types read person, group, session, element and event-column fields', async () => {
  await expectAll([
    [{ key: 'name', value: 'Acme', type: 'group', group_type_index: 1 }, "group_1.properties.name = 'Acme'"],
    [{ key: 'name', value: 'Acme', type: 'group', group_type_index: '4' as unknown as number }, "group_4.properties.name = 'Acme'"],
    [{ key: '$session_duration', value: 10, operator: 'gt', type: 'session' }, 'toFloat(session.$session_duration) > 10'],
    [{ key: '$is_bounce', value: true, type: 'session' }, "toString(session.$is_bounce) = 'true'"],
    [{ key: '$entry_pathname', value: '/pricing', type: 'session' }, "session.$entry_pathname = '/pricing'"],
    [{ key: 'beta', value: true, type: 'feature' }, "person.properties.`$feature_enrollment/beta` = 'true'"],
    [{ key: 'distinct_id', value: 'bob', type: 'event_metadata' }, "distinct_id = 'bob'"],
    [{ key: 'person_id', value: 'abc', type: 'event_metadata' }, "toString(person_id) = 'abc'"],
    [{ key: '$elements_chain', value: 'button', operator: 'icontains' }, "positionCaseInsensitiveUTF8(elements_chain, 'button') > 0"],
    [{ key: "properties.plan = 'pro'", type: 'hogql' }, "properties.plan = 'pro'"],
    [{ key: 'tag_name', value: ['button', 'a.b'], type: 'element' }, "match(elements_chain, '(^|;)button([.:;]|$)') OR match(elements_chain, '(^|;)a\\\\.b([.:;]|$)')"],
    [{ key: 'tag_name', value: 'button', operator: 'is_not', type: 'element' }, "NOT match(elements_chain, '(^|;)button([.:;]|$)')"],
  ]);
  const texts = "arrayMap(v -> replaceAll(v, '\\\\\"', '\"'), extractAll(elements_chain, '(?::|\")text=\"((?:[^\"\\\\\\\\]|\\\\\\\\.)*)\"'))";
  await expectAll([
    [{ key: 'text', value: 'Sign up', type: 'element' }, `arrayExists(element_value -> element_value = 'Sign up', ${texts})`],
    [{ key: 'text', value: 'sign', operator: 'not_icontains', type: 'element' }, `NOT arrayExists(element_value -> positionCaseInsensitiveUTF8(element_value, 'sign') > 0, ${texts})`],
    [{ key: 'text', operator: 'is_not_set', type: 'element' }, `empty(${texts})`],
  ]);
});

test('cohort filters are refused until cohorts exist, and plug in through the options', async () => {
  await assert.rejects(one({ key: 'id', type: 'cohort', value: 1 }), { code: 'unsupported', message: /Cohort filters are not available yet/ });
  const cohortCondition = (id: number) => hCompare('in', hField('person_id'), hConstant(`cohort-${id}`));
  assert.equal(await one({ key: 'id', type: 'cohort', value: '12' }, { cohortCondition }), "person_id IN 'cohort-12'");
  assert.equal(await one({ key: 'id', type: 'cohort', value: 12, operator: 'not_in' }, { cohortCondition }), "NOT person_id IN 'cohort-12'");
  assert.equal(await one({ key: 'id', type: 'cohort', value: 12, negation: true }, { cohortCondition }), "NOT person_id IN 'cohort-12'");
  await assert.rejects(one({ key: 'id', type: 'cohort', value: 'x' }, { cohortCondition }), { code: 'unsupported' });
});

test('keys are field names, not text: a hostile key stays one quoted identifier', async () => {
  assert.equal(await one({ key: "x') OR 1=1 --", value: 'a' }), "properties.`x') OR 1=1 --` = 'a'");
  assert.equal(await one({ key: "x` OR 1", value: 'a', type: 'group', group_type_index: 0 }), "group_0.properties.`x`` OR 1` = 'a'");
});

test('groups nest with AND and OR; empty groups and empty value lists match everything', async () => {
  const text = await toText({
    type: 'AND',
    values: [
      { type: 'OR', values: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] },
      { type: 'AND', values: [] },
      { key: 'c', operator: 'is_set' },
      { key: 'd', value: [], operator: 'is_not' },
    ],
  });
  assert.equal(text, "(properties.a = '1' OR properties.b = '2') AND isNotNull(properties.c)");
  assert.equal(await propertyFiltersToHogQL([]), undefined);
});

test('unsupported types, operators and values are refused with a clear error', async () => {
  const refused: [PropertyFilter, RegExp][] = [
    [{ key: 'duration', type: 'recording', value: 1 }, /type recording are not supported/],
    [{ key: 'level', type: 'log_entry', value: 'error' }, /type log_entry are not supported/],
    [{ key: 'a', operator: 'flag_evaluates_to', value: true }, /Unsupported property operator/],
    [{ key: 'a', operator: 'in', value: 1 }, /only for cohort filters/],
    [{ key: 'a', operator: 'gt', value: 'ten' }, /numeric value/],
    [{ key: 'a', operator: 'between', value: [5, 1] }, /min ≤ max/],
    [{ key: 'a', operator: 'between', value: 5 }, /\[min, max\]/],
    [{ key: 'a', operator: 'exact', value: null }, /needs a value/],
    [{ key: 'a', operator: 'exact', value: [{ x: 1 }] as unknown as string[] }, /strings, numbers or booleans/],
    [{ key: 'a', operator: 'is_date_before', value: 'yesterday-ish' }, /needs the query's time/],
    [{ key: 'a', type: 'group', value: 'x' }, /group_type_index from 0 to 4/],
    [{ key: 'a', type: 'group', group_type_index: 5, value: 'x' }, /group_type_index from 0 to 4/],
    [{ key: 'color', type: 'element', value: 'red' }, /tag_name, text, href or selector/],
    [{ key: 'tag_name', type: 'element', value: 'a', operator: 'icontains' }, /exact or is_not/],
    [{ key: 'selector', type: 'element', value: 'a:hover' }, /pseudo-class/],
    [{ key: '', value: 'x' }, /need a key/],
  ];
  for (const [filter, message] of refused) {
    await assert.rejects(one(filter), { code: 'unsupported', message }, JSON.stringify(filter));
  }
  await assert.rejects(one({ key: '$no_such_session_field', type: 'session', value: 'Direct' }), { code: 'resolution_error', message: /Unknown session property/ });
  await assert.rejects(one({ key: 'd', operator: 'is_date_exact', value: '2024-13-01' }), { code: 'syntax_error', message: /Cannot parse date/ });
});

test('an invalid regex is a syntax error naming the problem, checked by RE2 rules (not JavaScript ones)', async () => {
  await assert.rejects(one({ key: 'u', value: '(?=x)', operator: 'regex' }), { code: 'syntax_error', message: /Invalid regular expression.*\(\?=/ });
  await assert.rejects(one({ key: 'u', value: 'a(', operator: 'not_regex' }), { code: 'syntax_error', message: /missing closing \)/ });
  await assert.rejects(one({ key: 'u', value: '(a)\\1', operator: 'regex' }), { code: 'syntax_error' });
  await assert.rejects(one({ key: 'text', value: '[', operator: 'regex', type: 'element' }), { code: 'syntax_error' });
  // RE2 syntax JavaScript lacks is accepted.
  assert.equal(await one({ key: 'u', value: '[[:alpha:]]+\\pL', operator: 'regex' }), "match(properties.u, '[[:alpha:]]+\\\\pL')");
});
