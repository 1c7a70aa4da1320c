import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hCall, hField, type HSelectQuery } from '../hogql/hogql-ast.js';
import { openUniverse, OTHER_TEAM } from '../test-support/insight-universe.js';
import { insightContext } from './insight-context.js';
import { compileInsightStatement } from './insight-statement.js';
import { seriesCondition, type SeriesNode } from './series.js';

/*
 * Universe (team 1 unless noted), all on 2024-05-01:
 *   ann  $autocapture on the sign-up button (button.btn.primary inside form.signup, text "Sign up") at /pricing
 *   ann  $autocapture on the docs link (a.nav href "/docs", text "Docs") at /home
 *   ben  $pageview of https://shop.example/cart?x=1
 *   ben  $pageview of https://shop.example/home
 *   team 2: the same sign-up click, which must never count
 */
const SIGNUP = 'button.btn.primary:nth-child="2"nth-of-type="1"text="Sign up";form.signup:nth-child="1"nth-of-type="1";body';
const DOCS = 'a.nav:href="/docs"nth-child="3"nth-of-type="3"text="Docs";nav;body';

const ACTIONS = new Map([
  [1, { id: 1, name: 'Clicked sign-up', steps: [{ event: '$autocapture', selector: 'form.signup button' }] }],
  [2, { id: 2, name: 'Docs link', steps: [{ event: '$autocapture', href: '/docs', text: 'Docs' }] }],
  [3, { id: 3, name: 'Cart or sign-up', steps: [{ event: '$pageview', url: '/cart', url_matching: 'contains' as const }, { event: '$autocapture', text: 'Sign up' }] }],
  [4, { id: 4, name: 'Regex URL', steps: [{ event: '$pageview', url: '^https://shop\\.example/home$', url_matching: 'regex' as const }] }],
]);
const ctx = insightContext({ teamId: 1, actions: ACTIONS });

const universe = (async () => {
  const u = await openUniverse();
  u.event('ann', '$autocapture', '2024-05-01T10:00:00Z', { $current_url: 'https://shop.example/pricing' }, { elementsChain: SIGNUP });
  u.event('ann', '$autocapture', '2024-05-01T10:01:00Z', { $current_url: 'https://shop.example/home' }, { elementsChain: DOCS });
  u.event('ben', '$pageview', '2024-05-01T11:00:00Z', { $current_url: 'https://shop.example/cart?x=1' });
  u.event('ben', '$pageview', '2024-05-01T11:01:00Z', { $current_url: 'https://shop.example/home' });
  u.event('eve', '$autocapture', '2024-05-01T10:00:00Z', {}, { elementsChain: SIGNUP, team: OTHER_TEAM });
  await u.flush();
  return u;
})();

async function matchingCount(node: SeriesNode): Promise<number> {
  const condition = await seriesCondition(node, ctx);
  const query: HSelectQuery = {
    node: 'SelectQuery',
    select: [hCall('count')],
    select_from: { node: 'JoinExpr', table: hField('events') },
    where: condition ?? null,
  };
  const { rows } = await (await universe).run(compileInsightStatement(query, ctx));
  return Number(rows[0][0]);
}

test('an action step with a CSS selector matches the element and its ancestors, only in this project', async () => {
  assert.equal(await matchingCount({ kind: 'ActionsNode', id: 1 }), 1);
});

test('action steps match link href and element text on the elements chain', async () => {
  assert.equal(await matchingCount({ kind: 'ActionsNode', id: 2 }), 1);
});

test('the steps of an action are OR-ed; URL matching contains and regex', async () => {
  assert.equal(await matchingCount({ kind: 'ActionsNode', id: 3 }), 2);
  assert.equal(await matchingCount({ kind: 'ActionsNode', id: 4 }), 1);
});

test('an events node with null event counts all events of the project; an unknown action is refused', async () => {
  assert.equal(await matchingCount({ kind: 'EventsNode', event: null }), 4);
  await assert.rejects(seriesCondition({ kind: 'ActionsNode', id: 99 }, ctx), /Action 99 does not exist/);
});
