import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { compileInsightStatement } from '../insights/insight-statement.js';
import { OTHER_TEAM, UNIVERSE_TEAM, openUniverse, type Universe } from '../test-support/insight-universe.js';
import { hAnd, type HExpr, type HSelectQuery } from './hogql-ast.js';
import { parseHogQLSelect } from './parse-hogql.js';
import { propertyFiltersToHogQL, type PropertyFilter, type PropertyFilterOptions, type PropertyFilters } from './property-filter.js';

/*
 * Every operator family and filter type, run on chDB. Each event carries a `label` property; queries return labels.
 *
 * `prop` events (team 1, distinct id `carol`), their properties:
 *   p1  $browser=Chrome  price=10      plan=pro   url=https://Acme.test/Docs/Intro.PDF  app_version=v1.2.3
 *       signup_at=2024-05-01T10:00:00Z (12:00 in Berlin)   beta=true
 *   p2  $browser=Firefox price="10.0"              url=http://beta.test/blog            app_version=1.10.0-beta
 *       signup_at="2024-05-01 23:30:00" (no offset: wall-clock time in the project timezone)  beta=false
 *   p3  $browser=Safari  price="ten"   plan=null  url=https://acme.test/pricing        app_version=2.0
 *       signup_at=2024-04-30
 *   p4  (no browser)     price=2.5                (no url)                              app_version=0.2.9
 *       signup_at="not a date"
 *   p5  $browser=chrome  price=-1                 (no url)                              app_version=1.2
 *       signup_at=1714557600 (a number: 2024-05-01 10:00Z)
 *   p6  only signup_at=2024-05-01T23:30:00Z (May 2, 01:30 in Berlin)
 *
 * Other events (team 1), all on 2024-05-02 UTC:
 *   g1  alice  $pageview    10:00:00  session sa  group0=acme            url /home
 *   g2  alice  $pageview    10:00:40  session sa  group0=acme group1=proj url /pricing   → sa: 40 s, 2 pageviews
 *   g3  bob    $pageview    11:00:00  session sb  group0=beta             url /blog      → sb: a bounce
 *   g4  anon-1 $pageview    12:00:00  session sc  (anon-1 merged into alice later)       → sc: a bounce
 *   el1 alice  $autocapture 13:00:00  session sd  clicked `button.btn.btn-primary` "Sign up" in form > div
 *   el2 bob    $autocapture 14:00:00  session se  clicked a span "Docs" inside `a.nav` href=/docs
 * People: alice {email: alice@acme.test}, bob {email: bob@beta.test}.
 * Groups: type 0 acme {name: Acme, employees: 50}, type 0 beta {name: Beta, employees: 5}, type 1 proj {tier: gold}.
 * Team 2 (must never show): group type 0 acme {name: Acme, employees: 5000}; an event labelled `leak` by eve in
 * session `sa` at 09:00 on /evil with group0=acme, and properties that would match most filters here.
 */
let u: Universe;

const BUTTON_CHAIN =
  'button.btn.btn-primary:attr__data-attr="signup"attr_id="go"nth-child="2"nth-of-type="1"text="Sign up";' +
  'form.signup-form:nth-child="1"nth-of-type="1";div.container:nth-child="1"nth-of-type="1"';
const LINK_CHAIN = 'span:nth-child="1"nth-of-type="1"text="Docs";a.nav:href="/docs"nth-child="3"nth-of-type="3";nav';

before(async () => {
  u = await openUniverse();
  u.person('alice', { properties: { email: 'alice@acme.test' } });
  u.person('bob', { properties: { email: 'bob@beta.test' } });
  u.person('carol');
  u.group(0, 'acme', { name: 'Acme', employees: 50 });
  u.group(0, 'beta', { name: 'Beta', employees: 5 });
  u.group(1, 'proj', { tier: 'gold' });
  u.group(0, 'acme', { name: 'Acme', employees: 5000 }, OTHER_TEAM);
  const prop = (label: string, at: string, properties: Record<string, unknown>) => u.event('carol', 'prop', at, { label, ...properties });
  prop('p1', '2024-05-01T01:00:00Z', { $browser: 'Chrome', price: 10, plan: 'pro', url: 'https://Acme.test/Docs/Intro.PDF', app_version: 'v1.2.3', signup_at: '2024-05-01T10:00:00Z', beta: true });
  prop('p2', '2024-05-01T02:00:00Z', { $browser: 'Firefox', price: '10.0', url: 'http://beta.test/blog', app_version: '1.10.0-beta', signup_at: '2024-05-01 23:30:00', beta: false });
  prop('p3', '2024-05-01T03:00:00Z', { $browser: 'Safari', price: 'ten', plan: null, url: 'https://acme.test/pricing', app_version: '2.0', signup_at: '2024-04-30' });
  prop('p4', '2024-05-01T04:00:00Z', { price: 2.5, app_version: '0.2.9', signup_at: 'not a date' });
  prop('p5', '2024-05-01T05:00:00Z', { $browser: 'chrome', price: -1, app_version: '1.2', signup_at: 1714557600 });
  prop('p6', '2024-05-01T06:00:00Z', { signup_at: '2024-05-01T23:30:00Z' });
  const page = (label: string, who: string, at: string, path: string, session: string, groups = {}) =>
    u.event(who, '$pageview', at, { label, $current_url: `https://app.test${path}` }, { session, groups });
  page('g1', 'alice', '2024-05-02T10:00:00Z', '/home', 'sa', { 0: 'acme' });
  page('g2', 'alice', '2024-05-02T10:00:40Z', '/pricing', 'sa', { 0: 'acme', 1: 'proj' });
  page('g3', 'bob', '2024-05-02T11:00:00Z', '/blog', 'sb', { 0: 'beta' });
  page('g4', 'anon-1', '2024-05-02T12:00:00Z', '/docs', 'sc');
  u.event('alice', '$autocapture', '2024-05-02T13:00:00Z', { label: 'el1' }, { session: 'sd', elementsChain: BUTTON_CHAIN });
  u.event('bob', '$autocapture', '2024-05-02T14:00:00Z', { label: 'el2' }, { session: 'se', elementsChain: LINK_CHAIN });
  u.event('eve', '$pageview', '2024-05-02T09:00:00Z', {
    label: 'leak', $current_url: 'https://app.test/evil', $browser: 'Chrome', price: 10, url: 'https://acme.test', app_version: '1.2.3', signup_at: '2024-05-01',
  }, { session: 'sa', groups: { 0: 'acme' }, team: OTHER_TEAM, elementsChain: BUTTON_CHAIN });
  await u.flush();
  u.merge('anon-1', 'alice');
  await u.flush();
});

/** Labels of the events a filter selects: among the `prop` events, or among the others. */
async function labels(filters: PropertyFilters, among: 'prop' | 'other', options: PropertyFilterOptions = {}, teamId = UNIVERSE_TEAM) {
  const timezone = options.timezone ?? 'UTC';
  const condition = await propertyFiltersToHogQL(filters, options);
  const scope = among === 'prop' ? "event = 'prop'" : "event != 'prop'";
  const ast = (await parseHogQLSelect(`SELECT properties.label FROM events WHERE ${scope} ORDER BY properties.label`)) as HSelectQuery;
  ast.where = hAnd([ast.where as HExpr, ...(condition ? [condition] : [])]);
  const { rows } = await u.run(compileInsightStatement(ast, { teamId, timezone }));
  return rows.map((row) => row[0]);
}

async function expect(among: 'prop' | 'other', cases: [PropertyFilter | PropertyFilters, string[]][], options: PropertyFilterOptions = {}) {
  for (const [filter, expected] of cases) {
    const filters = Array.isArray(filter) || 'values' in filter ? (filter as PropertyFilters) : [filter as PropertyFilter];
    assert.deepEqual(await labels(filters, among, options), expected, JSON.stringify(filter));
  }
}

test('equality: case-sensitive text, numbers also numerically, booleans as true/false, negations keep missing', async () => {
  await expect('prop', [
    [{ key: '$browser', value: 'Chrome' }, ['p1']],
    [{ key: '$browser', value: ['Chrome', 'chrome'] }, ['p1', 'p5']],
    [{ key: 'price', value: 10 }, ['p1', 'p2']],
    [{ key: 'price', value: '10' }, ['p1']],
    [{ key: 'beta', value: true }, ['p1']],
    [{ key: 'beta', value: 'false' }, ['p2']],
    [{ key: '$browser', value: ['Chrome', 'Safari'], operator: 'is_not' }, ['p2', 'p4', 'p5', 'p6']],
    [{ key: 'price', value: 10, operator: 'is_not' }, ['p3', 'p4', 'p5', 'p6']],
    [{ key: 'plan', operator: 'is_set' }, ['p1']],
    [{ key: 'plan', operator: 'is_not_set' }, ['p2', 'p3', 'p4', 'p5', 'p6']],
  ]);
});

test('text operators: contains, regex (RE2 flags too), prefixes and suffixes ignore case', async () => {
  await expect('prop', [
    [{ key: 'url', value: 'ACME', operator: 'icontains' }, ['p1', 'p3']],
    [{ key: 'url', value: 'acme', operator: 'not_icontains' }, ['p2', 'p4', 'p5', 'p6']],
    [{ key: 'url', value: '^https://', operator: 'regex' }, ['p1', 'p3']],
    [{ key: 'url', value: '(?i)^HTTP://', operator: 'regex' }, ['p2']],
    [{ key: 'url', value: '^https', operator: 'not_regex' }, ['p2', 'p4', 'p5', 'p6']],
    [{ key: 'url', value: 'HTTPS://ACME', operator: 'starts_with' }, ['p1', 'p3']],
    [{ key: 'url', value: 'https', operator: 'not_starts_with' }, ['p2', 'p4', 'p5', 'p6']],
    [{ key: 'url', value: '.pdf', operator: 'ends_with' }, ['p1']],
    [{ key: 'url', value: '.pdf', operator: 'not_ends_with' }, ['p2', 'p3', 'p4', 'p5', 'p6']],
  ]);
});

test('numeric operators: text that is no number never matches, not even not_between', async () => {
  await expect('prop', [
    [{ key: 'price', value: 5, operator: 'gt' }, ['p1', 'p2']],
    [{ key: 'price', value: '2.5', operator: 'lte' }, ['p4', 'p5']],
    [{ key: 'price', value: [0, 10], operator: 'between' }, ['p1', 'p2', 'p4']],
    [{ key: 'price', value: [0, 10], operator: 'not_between' }, ['p5']],
    [{ key: 'price', value: 10, operator: 'min' }, ['p1', 'p2']],
    [{ key: 'price', value: -1, operator: 'max' }, ['p5']],
  ]);
});

test('semantic versions compare part by part (1.10 is after 1.2), ignoring v and -pre', async () => {
  // Versions: p1 1.2.3, p2 1.10.0, p3 2.0.0, p4 0.2.9, p5 1.2.0; p6 has none.
  await expect('prop', [
    [{ key: 'app_version', value: '1.2.0', operator: 'semver_gt' }, ['p1', 'p2', 'p3']],
    [{ key: 'app_version', value: '1.2', operator: 'semver_eq' }, ['p5']],
    [{ key: 'app_version', value: '1.2', operator: 'semver_neq' }, ['p1', 'p2', 'p3', 'p4', 'p6']],
    [{ key: 'app_version', value: 'v1.2.3', operator: 'semver_lte' }, ['p1', 'p4', 'p5']],
    [{ key: 'app_version', value: '2', operator: 'semver_gte' }, ['p3']],
    [{ key: 'app_version', value: '1.2', operator: 'semver_lt' }, ['p4']],
    [{ key: 'app_version', value: '~1.2', operator: 'semver_tilde' }, ['p1', 'p5']],
    [{ key: 'app_version', value: '1.2.3', operator: 'semver_caret' }, ['p1', 'p2']],
    [{ key: 'app_version', value: '0.2.3', operator: 'semver_caret' }, ['p4']],
    [{ key: 'app_version', value: '1.*', operator: 'semver_wildcard' }, ['p1', 'p2', 'p5']],
  ]);
});

test('dates: absolute days are days in the project timezone; unparseable values never match', async () => {
  const berlin = { timezone: 'Europe/Berlin' };
  await expect('prop', [
    [{ key: 'signup_at', value: '2024-05-01', operator: 'is_date_exact' }, ['p1', 'p2', 'p5']],
    [{ key: 'signup_at', value: '2024-05-02', operator: 'is_date_exact' }, ['p6']],
    [{ key: 'signup_at', value: '2024-05-01', operator: 'is_date_before' }, ['p3']],
    [{ key: 'signup_at', value: '2024-05-01T12:00:00+02:00', operator: 'is_date_after' }, ['p2', 'p6']],
    [{ key: 'signup_at', value: '2024-05-01 12:00:00', operator: 'is_date_exact' }, ['p1', 'p5']],
  ], berlin);
  // In UTC p6 (23:30Z) is still May 1, and p2's wall-clock 23:30 is read in UTC.
  await expect('prop', [[{ key: 'signup_at', value: '2024-05-01', operator: 'is_date_exact' }, ['p1', 'p2', 'p5', 'p6']]]);
});

test('dates: relative values resolve from the query time in the project timezone', async () => {
  const options = { now: new Date('2024-05-08T15:00:00Z'), timezone: 'Europe/Berlin' };
  await expect('prop', [
    // -7d = 2024-05-01 15:00Z: after it are p2 (21:30Z) and p6 (23:30Z).
    [{ key: 'signup_at', value: '-7d', operator: 'is_date_after' }, ['p2', 'p6']],
    // -7d falls on May 1 in Berlin: the whole Berlin day.
    [{ key: 'signup_at', value: '-7d', operator: 'is_date_exact' }, ['p1', 'p2', 'p5']],
    [{ key: 'signup_at', value: '-1mStart', operator: 'is_date_before' }, []],
    [{ key: 'timestamp', value: '-7dStart', operator: 'is_date_after', type: 'event_metadata' }, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']],
  ], options);
});

test('person filters read the person after merges; event columns are event_metadata', async () => {
  await expect('other', [
    [{ key: 'email', value: 'acme', operator: 'icontains', type: 'person' }, ['el1', 'g1', 'g2', 'g4']],
    [{ key: 'email', value: 'bob@beta.test', operator: 'is_not', type: 'person' }, ['el1', 'g1', 'g2', 'g4']],
    [{ key: 'distinct_id', value: 'bob', type: 'event_metadata' }, ['el2', 'g3']],
    [{ key: '$group_0', value: 'acme', type: 'event_metadata' }, ['g1', 'g2']],
    [{ key: 'timestamp', value: '2024-05-02T12:30:00Z', operator: 'is_date_after', type: 'event_metadata' }, ['el1', 'el2']],
    [{ key: "person.properties.email = 'bob@beta.test'", type: 'hogql' }, ['el2', 'g3']],
  ]);
});

test("group filters read that group type's properties, never another team's group of the same key", async () => {
  await expect('other', [
    [{ key: 'name', value: 'Acme', type: 'group', group_type_index: 0 }, ['g1', 'g2']],
    [{ key: 'employees', value: 10, operator: 'gt', type: 'group', group_type_index: 0 }, ['g1', 'g2']],
    [{ key: 'employees', value: 1000, operator: 'gt', type: 'group', group_type_index: 0 }, []],
    [{ key: 'name', value: 'Acme', operator: 'is_not', type: 'group', group_type_index: 0 }, ['el1', 'el2', 'g3', 'g4']],
    [{ key: 'tier', operator: 'is_set', type: 'group', group_type_index: 1 }, ['g2']],
    [{ key: 'name', operator: 'is_set', type: 'group', group_type_index: 1 }, []],
  ]);
  const theirs = await labels([{ key: 'employees', value: 1000, operator: 'gt', type: 'group', group_type_index: 0 }], 'other', {}, OTHER_TEAM);
  assert.deepEqual(theirs, ['leak']);
});

test("session filters read the event's session, computed from this team's events only", async () => {
  // Team 2's event in a session also called `sa` (at 09:00, on /evil) would make sa 3640 s long and start on /evil.
  await expect('other', [
    [{ key: '$session_duration', value: [30, 60], operator: 'between', type: 'session' }, ['g1', 'g2']],
    [{ key: '$entry_pathname', value: '/home', type: 'session' }, ['g1', 'g2']],
    [{ key: '$exit_current_url', value: '/pricing', operator: 'ends_with', type: 'session' }, ['g1', 'g2']],
    [{ key: '$pageview_count', value: 2, type: 'session' }, ['g1', 'g2']],
    [{ key: '$is_bounce', value: true, type: 'session' }, ['g3', 'g4']],
    [{ key: '$is_bounce', value: 'false', type: 'session' }, ['el1', 'el2', 'g1', 'g2']],
    [{ key: '$autocapture_count', value: 0, operator: 'gt', type: 'session' }, ['el1', 'el2']],
  ]);
});

test('element filters match the clicked element, its text, links and CSS selectors', async () => {
  await expect('other', [
    [{ key: 'tag_name', value: 'button', type: 'element' }, ['el1']],
    [{ key: 'tag_name', value: 'a', type: 'element' }, ['el2']],
    [{ key: 'text', value: 'Sign up', type: 'element' }, ['el1']],
    [{ key: 'text', value: 'docs', operator: 'icontains', type: 'element' }, ['el2']],
    [{ key: 'text', value: '^Sign', operator: 'regex', type: 'element' }, ['el1']],
    [{ key: 'href', value: '/docs', type: 'element' }, ['el2']],
    [{ key: 'href', operator: 'is_set', type: 'element' }, ['el2']],
    [{ key: 'selector', value: 'form > button.btn', type: 'element' }, ['el1']],
    [{ key: 'selector', value: '[data-attr="signup"]', type: 'element' }, ['el1']],
    [{ key: 'selector', value: 'a.nav span', type: 'element' }, ['el2']],
    [{ key: 'selector', value: 'div > button', type: 'element' }, []],
    [[{ key: 'event', value: '$autocapture', type: 'event_metadata' }, { key: 'text', value: 'Sign up', operator: 'is_not', type: 'element' }], ['el2']],
  ]);
});

test('AND / OR groups combine filters of different types', async () => {
  await expect('other', [
    [{ type: 'OR', values: [{ key: 'email', value: 'bob@beta.test', type: 'person' }, { key: 'tier', operator: 'is_set', type: 'group', group_type_index: 1 }] }, ['el2', 'g2', 'g3']],
    [{ type: 'AND', values: [{ key: '$is_bounce', value: true, type: 'session' }, { type: 'OR', values: [{ key: 'name', value: 'Beta', type: 'group', group_type_index: 0 }, { key: 'email', value: 'alice', operator: 'icontains', type: 'person' }] }] }, ['g3', 'g4']],
  ]);
});
