import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PostHog } from 'posthog-node';
import { api } from '../support/api-client.js';
import { createFlag, flagsV2, postFlags } from '../support/flags-client.js';
import { localEvaluationClient } from '../support/posthog-node-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

// Turning a flag off must reach every evaluator fast: Warren's /flags at once, and an SDK polling the definitions
// every 500 ms within about two seconds. Between changes the polling costs a 304.

const KEY = 'kill-me';
const USER = 'kill-switch-user';
const SDK_DEADLINE_MS = 2_000;

interface DefinitionsCall {
  status: number;
  ifNoneMatch: string | null;
  etag: string | null;
  at: number;
}

let warren: WarrenProcess;
let client: PostHog | undefined;
const definitionsCalls: DefinitionsCall[] = [];
before(async () => {
  warren = await spawnWarren();
});
after(async () => {
  await client?.shutdown();
  await warren?.stop();
});

async function definitions(ifNoneMatch?: string): Promise<{ status: number; etag: string | null; text: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${warren.personalApiKey}` };
  if (ifNoneMatch) headers['if-none-match'] = ifNoneMatch;
  const res = await fetch(`${warren.url}/flags/definitions?token=${warren.token}&send_cohorts`, { headers });
  return { status: res.status, etag: res.headers.get('etag'), text: await res.text() };
}

/** The SDK's local answer, polled until `accept` holds; resolves with the ms it took or rejects after `timeoutMs`. */
async function sdkAnswerWithin(accept: (value: unknown) => boolean, fromMs: number, timeoutMs: number): Promise<number> {
  let last: unknown;
  while (Date.now() - fromMs < timeoutMs) {
    last = await client!.getFeatureFlag(KEY, USER, { onlyEvaluateLocally: true, sendFeatureFlagEvents: false });
    if (accept(last)) return Date.now() - fromMs;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`posthog-node still answered ${JSON.stringify(last)} ${timeoutMs} ms after the change; definitions calls: ${JSON.stringify(definitionsCalls.slice(-8))}`);
}

test('PATCH active:false switches the flag off for /flags at once and for a polling posthog-node within 2 s; unchanged polls are 304', async () => {
  const flag = await createFlag(warren, { key: KEY, name: 'Kill switch', filters: { groups: [{ properties: [], rollout_percentage: 100 }], payloads: { true: '{"on":true}' } } });
  const on = await flagsV2(warren, { distinct_id: USER });
  assert.equal(on.flags[KEY]?.enabled, true);
  assert.equal(on.flags[KEY].metadata.payload, '{"on":true}');

  client = localEvaluationClient(warren, {
    featureFlagsPollingInterval: 500,
    fetch: async (url, options) => {
      const res = await fetch(url, options as RequestInit);
      if (url.includes('/flags/definitions')) {
        definitionsCalls.push({ status: res.status, ifNoneMatch: options.headers['If-None-Match'] ?? null, etag: res.headers.get('etag'), at: Date.now() });
      }
      return res;
    },
  });
  assert.equal(await client.waitForLocalEvaluationReady(5_000), true);
  assert.equal(await client.getFeatureFlag(KEY, USER, { onlyEvaluateLocally: true, sendFeatureFlagEvents: false }), true);

  // Nothing changes for a while: the SDK keeps polling with the ETag it got and Warren answers 304.
  const quiet = await definitions();
  assert.equal(quiet.status, 200);
  assert.ok(quiet.etag, 'definitions carry an ETag');
  const notModified = await definitions(quiet.etag!);
  assert.equal(notModified.status, 304);
  assert.equal(notModified.text, '', 'a 304 has no body');
  assert.equal((await definitions(`W/${quiet.etag}`)).status, 304, 'a weak validator of the same ETag also matches');
  assert.equal((await definitions(`"something-else", ${quiet.etag}`)).status, 304, 'any ETag of a list may match');
  await new Promise((r) => setTimeout(r, 1_300));
  const polls = definitionsCalls.filter((c) => c.ifNoneMatch !== null);
  assert.ok(polls.length >= 2, `posthog-node re-polled with If-None-Match: ${JSON.stringify(definitionsCalls)}`);
  assert.ok(polls.every((c) => c.status === 304 && c.ifNoneMatch === quiet.etag), `unchanged polls are 304: ${JSON.stringify(polls)}`);

  const patchedAt = Date.now();
  const off = await api(warren, 'PATCH', `/api/projects/1/feature_flags/${flag.id}/`, { active: false });
  assert.equal(off.status, 200, JSON.stringify(off.body));
  assert.equal(off.body.active, false);

  // The very next /flags, in every shape.
  const v2 = await flagsV2(warren, { distinct_id: USER });
  assert.ok(v2.flags[KEY] === undefined || v2.flags[KEY].enabled === false, `v2 after the kill: ${JSON.stringify(v2.flags[KEY])}`);
  const v1 = await postFlags(warren, '/flags/', { distinct_id: USER });
  assert.ok(!v1.body.featureFlags[KEY], `v1 after the kill: ${JSON.stringify(v1.body)}`);
  assert.equal(v1.body.featureFlagPayloads[KEY], undefined);
  const decide = await postFlags(warren, '/decide/?v=3', { distinct_id: USER });
  assert.ok(!decide.body.featureFlags[KEY]);

  // The definitions changed, so the old ETag no longer matches.
  const changed = await definitions(quiet.etag!);
  assert.equal(changed.status, 200, 'the old ETag is stale after the PATCH');
  assert.ok(changed.etag && changed.etag !== quiet.etag, `a new ETag: ${changed.etag}`);
  const served = (JSON.parse(changed.text) as { flags: { key: string; active: boolean }[] }).flags.find((f) => f.key === KEY);
  assert.ok(served === undefined || served.active === false, `served after the kill: ${JSON.stringify(served)}`);
  assert.equal((await definitions(changed.etag!)).status, 304);

  // posthog-node notices on its next poll.
  const offAfterMs = await sdkAnswerWithin((value) => value === false || value === undefined, patchedAt, SDK_DEADLINE_MS);
  assert.ok(offAfterMs < SDK_DEADLINE_MS);
  assert.ok(definitionsCalls.some((c) => c.at >= patchedAt && c.status === 200), 'the SDK fetched the changed definitions');

  // And back on again, the same way.
  const reenabledAt = Date.now();
  const reenabled = await api(warren, 'PATCH', `/api/projects/1/feature_flags/${flag.id}/`, { active: true, version: off.body.version });
  assert.equal(reenabled.status, 200, JSON.stringify(reenabled.body));
  assert.equal((await flagsV2(warren, { distinct_id: USER })).flags[KEY]?.enabled, true);
  await sdkAnswerWithin((value) => value === true, reenabledAt, SDK_DEADLINE_MS);
});

test('after the kill a server SDK still answers false locally, as PostHog serves inactive flags in the definitions, without a /flags round trip per call', async () => {
  const key = 'kill-me-locally';
  const flag = await createFlag(warren, { key, name: 'Kill switch, local', filters: { groups: [{ properties: [], rollout_percentage: 100 }] } });
  const remoteCalls: string[] = [];
  const definitionsAfter: number[] = [];
  const local = localEvaluationClient(warren, {
    featureFlagsPollingInterval: 500,
    fetch: async (url, options) => {
      const res = await fetch(url, options as RequestInit);
      if (url.includes('/flags/definitions')) definitionsAfter.push(res.status === 200 ? Date.now() : 0);
      else if (new URL(url).pathname.startsWith('/flags') || new URL(url).pathname.startsWith('/decide')) remoteCalls.push(url);
      return res;
    },
  });
  try {
    assert.equal(await local.waitForLocalEvaluationReady(5_000), true);
    assert.equal(await local.getFeatureFlag(key, USER, { sendFeatureFlagEvents: false }), true);
    const patchedAt = Date.now();
    const off = await api(warren, 'PATCH', `/api/projects/1/feature_flags/${flag.id}/`, { active: false });
    assert.equal(off.status, 200);
    const deadline = Date.now() + SDK_DEADLINE_MS;
    while (!definitionsAfter.some((at) => at > patchedAt) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    assert.ok(definitionsAfter.some((at) => at > patchedAt), 'the SDK reloaded the definitions after the PATCH');
    remoteCalls.length = 0;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await local.getFeatureFlag(key, USER, { sendFeatureFlagEvents: false }));
    assert.deepEqual(
      { answers, remoteCalls: remoteCalls.length },
      { answers: [false, false, false], remoteCalls: 0 },
      `a killed flag is missing from /flags/definitions, so posthog-node asks /flags on every call: ${JSON.stringify(remoteCalls)}`,
    );
  } finally {
    await local.shutdown();
  }
});
