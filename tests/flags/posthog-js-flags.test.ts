import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { flagHash } from '@warren/flags/hash';
import { eventually, hogql } from '../support/api-client.js';
import { collectPageErrors, newDesktopContext, recordExchanges } from '../support/browser.js';
import { createFlag, flagsV2, mapConcurrent } from '../support/flags-client.js';
import { sitePage, startPosthogJsSite, type PosthogJsSite } from '../support/posthog-js-site.js';
import type { Site } from '../support/site-server.js';
import type { WarrenProcess } from '../support/spawn-warren.js';

// posthog-js in headless Chromium, loaded by the snippet from a second origin, reads its flags from Warren: the
// values and payloads the page sees are Warren's, its callbacks fire, and its $feature_flag_called events come back.

interface FlagsSeen {
  flags: string[];
  variants: Record<string, string | boolean>;
}

declare const posthog: {
  __loaded?: boolean;
  identify(id: string, set?: object): void;
  getFeatureFlag(key: string): string | boolean | undefined;
  getFeatureFlagPayload(key: string): unknown;
  isFeatureEnabled(key: string): boolean | undefined;
  get_distinct_id(): string;
};
declare const window: { __flagsSeen: FlagsSeen[] };

const CHECKOUT = 'js-checkout';
const PRO_BANNER = 'js-pro-banner';
const FIVE_PERCENT = 'js-five-percent';
const USER = 'js-flag-user';

// Registered through the snippet's queue, before posthog-js has even loaded.
const LISTEN = `<script>window.__flagsSeen = []; posthog.onFeatureFlags(function (flags, variants) { window.__flagsSeen.push({ flags: flags, variants: variants }); });</script>`;

let rig: PosthogJsSite;
let warren: WarrenProcess;
let site: Site;
let browser: Browser;
before(async () => {
  rig = await startPosthogJsSite({ person_profiles: 'identified_only', capture_pageview: true }, (snippet) => ({ '/flags.html': sitePage('Flags', snippet + LISTEN, '') }));
  ({ warren, site, browser } = rig);
});
after(() => rig?.close());

/** Waits until onFeatureFlags has fired `count` times in the page and returns what it saw last. */
async function flagsSeen(p: Page, count: number): Promise<FlagsSeen> {
  await p.waitForFunction((n) => typeof posthog !== 'undefined' && posthog.__loaded === true && window.__flagsSeen.length >= n, count, { timeout: 10_000 });
  return p.evaluate(() => window.__flagsSeen[window.__flagsSeen.length - 1]);
}

test('posthog-js in Chromium gets the variant and payload Warren computes for a pro user, fires onFeatureFlags and reports $feature_flag_called', async () => {
  await createFlag(warren, {
    key: CHECKOUT,
    name: 'Checkout for pro users',
    filters: {
      groups: [{ properties: [{ key: 'plan', type: 'person', operator: 'exact', value: ['pro'] }], rollout_percentage: 100 }],
      multivariate: { variants: [{ key: 'control', rollout_percentage: 50 }, { key: 'test', rollout_percentage: 50 }] },
      payloads: { control: { color: 'blue', discount: 0 }, test: { color: 'green', discount: 10 } },
    },
  });
  await createFlag(warren, {
    key: PRO_BANNER,
    name: 'Banner for pro users',
    filters: { groups: [{ properties: [{ key: 'plan', type: 'person', operator: 'icontains', value: 'PRO' }], rollout_percentage: 100 }], payloads: { true: '"Welcome back, pro"' } },
  });

  const context = await newDesktopContext(browser);
  const exchanges = recordExchanges(context, warren.url);
  const p = await context.newPage();
  const pageErrors = collectPageErrors(p);
  const diagnostics = () => `requests to Warren: ${JSON.stringify(exchanges.exchanges)}\npage errors: ${pageErrors.join('\n')}\nWarren output: ${warren.output().slice(-3000)}`;
  await p.goto(`${site.url}/flags.html`);

  // Anonymous, no plan: Warren says off, and so does the page.
  const anonymous = await flagsSeen(p, 1).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${diagnostics()}`);
  });
  const anonymousId = await p.evaluate(() => posthog.get_distinct_id());
  const anonymousExpected = await flagsV2(warren, { distinct_id: anonymousId });
  assert.equal(anonymousExpected.flags[CHECKOUT]?.enabled, false);
  assert.equal(await p.evaluate((k) => posthog.getFeatureFlag(k), CHECKOUT), false);
  assert.equal(anonymous.variants[CHECKOUT] ?? false, false);

  // Identified as a pro user: the next /flags carries plan=pro in person_properties.
  await p.evaluate((id) => posthog.identify(id, { plan: 'pro' }), USER);
  const identified = await flagsSeen(p, 2);
  const expected = await flagsV2(warren, { distinct_id: USER, person_properties: { plan: 'pro' } });
  const checkout = expected.flags[CHECKOUT];
  assert.equal(checkout.enabled, true);
  assert.ok(checkout.variant === 'control' || checkout.variant === 'test', JSON.stringify(checkout));
  const inPage = await p.evaluate(
    (keys) => ({
      checkout: posthog.getFeatureFlag(keys[0]),
      checkoutPayload: posthog.getFeatureFlagPayload(keys[0]),
      banner: posthog.isFeatureEnabled(keys[1]),
      bannerValue: posthog.getFeatureFlag(keys[1]),
      bannerPayload: posthog.getFeatureFlagPayload(keys[1]),
    }),
    [CHECKOUT, PRO_BANNER],
  );
  assert.equal(inPage.checkout, checkout.variant, 'getFeatureFlag is the variant Warren computed');
  assert.deepEqual(inPage.checkoutPayload, JSON.parse(checkout.metadata.payload!), 'getFeatureFlagPayload is the payload of that variant');
  assert.equal(inPage.banner, true);
  assert.equal(inPage.bannerValue, true);
  assert.equal(inPage.bannerPayload, 'Welcome back, pro');
  assert.equal(expected.flags[PRO_BANNER].metadata.payload, '"Welcome back, pro"');
  assert.ok(identified.flags.includes(CHECKOUT) && identified.flags.includes(PRO_BANNER), `onFeatureFlags listed the enabled flags: ${JSON.stringify(identified)}`);
  assert.equal(identified.variants[CHECKOUT], checkout.variant);

  // The page's getFeatureFlag calls come back as $feature_flag_called events (posthog-js batches them).
  const called = await eventually(async () => {
    const r = await hogql(warren, `select properties.$feature_flag, properties.$feature_flag_response, distinct_id from events where event = '$feature_flag_called'`);
    const rows = r.results as [string, unknown, string][];
    return rows.some((row) => row[0] === CHECKOUT && row[1] === checkout.variant) && rows.some((row) => row[0] === PRO_BANNER) ? rows : null;
  }, 20_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${diagnostics()}`);
  });
  const checkoutCalls = called.filter((row) => row[0] === CHECKOUT);
  assert.ok(checkoutCalls.some((row) => row[2] === USER && row[1] === checkout.variant), JSON.stringify(called));
  assert.ok(checkoutCalls.some((row) => row[2] === anonymousId && (row[1] === false || row[1] === 'false')), `the anonymous call reported false: ${JSON.stringify(called)}`);
  assert.ok(called.some((row) => row[0] === PRO_BANNER && (row[1] === true || row[1] === 'true')), JSON.stringify(called));

  const flagsRequests = exchanges.exchanges.filter((e) => e.path.startsWith('/flags'));
  assert.ok(flagsRequests.length >= 2, `posthog-js asked /flags at load and after identify: ${JSON.stringify(exchanges.exchanges)}`);
  assert.ok(flagsRequests.every((e) => e.status === 200), JSON.stringify(flagsRequests));
  assert.deepEqual(pageErrors, [], 'the page logged no errors');
  await context.close();
});

test('a 5 % rollout is on for exactly the ids whose PostHog hash is at most 0.05', async () => {
  await createFlag(warren, { key: FIVE_PERCENT, name: 'Five percent', filters: { groups: [{ properties: [], rollout_percentage: 5 }] } });
  const ids = Array.from({ length: 200 }, (_, i) => `rollout-${i}`);
  const answers = await mapConcurrent(ids, 16, (id) => flagsV2(warren, { distinct_id: id }));
  const on = ids.filter((_, i) => answers[i].flags[FIVE_PERCENT]?.enabled === true);
  const expected = ids.filter((id) => flagHash(FIVE_PERCENT, id) <= 0.05);
  assert.deepEqual(on, expected);
  assert.ok(expected.length > 0 && expected.length < 30, `${expected.length} of 200 is roughly 5 %`);
  for (const [i, answer] of answers.entries()) {
    const flag = answer.flags[FIVE_PERCENT];
    assert.equal(flag.reason.code, flag.enabled ? 'condition_match' : 'out_of_rollout_bound', ids[i]);
  }
});
