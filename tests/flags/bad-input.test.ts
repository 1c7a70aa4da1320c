import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { createFlag, flagsV2, postFlags } from '../support/flags-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

// /flags is public (only a project token guards it): whatever arrives, it answers quickly, in PostHog's error shape
// when it refuses, and keeps serving everyone else.

const QUICK_MS = 1_000;

let warren: WarrenProcess;
before(async () => {
  warren = await spawnWarren();
  await createFlag(warren, { key: 'always-on', filters: { groups: [{ properties: [], rollout_percentage: 100 }] } });
});
after(async () => {
  await warren?.stop();
});

async function rawFlags(body: string | Uint8Array, headers: Record<string, string>, path = '/flags/?v=2'): Promise<{ status: number; text: string; elapsedMs: number }> {
  const started = performance.now();
  const res = await fetch(warren.url + path, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body).buffer });
  const text = await res.text();
  return { status: res.status, text, elapsedMs: performance.now() - started };
}

/** Warren still answers an ordinary /flags request correctly. */
async function stillServing(): Promise<void> {
  const ready = await fetch(`${warren.url}/_ready`);
  assert.equal(ready.status, 200);
  assert.equal((await flagsV2(warren, { distinct_id: 'after-bad-input' })).flags['always-on']?.enabled, true);
}

test('malformed /flags bodies get a quick 400 in PostHog error shape', async () => {
  const json = { 'content-type': 'application/json' };
  const cases: Array<{ name: string; body: string | Uint8Array; headers: Record<string, string>; path?: string }> = [
    { name: 'truncated JSON', body: `{"token": "${warren.token}", "distinct_id": `, headers: json },
    { name: 'not JSON at all', body: 'hello there', headers: json },
    { name: 'gzip header but not gzip', body: 'definitely not gzip', headers: { ...json, 'content-encoding': 'gzip' } },
    { name: 'truncated gzip', body: gzipSync(JSON.stringify({ token: warren.token, distinct_id: 'x' })).subarray(0, 12), headers: { ...json, 'content-encoding': 'gzip' } },
    { name: 'base64 form with garbage', body: 'data=%%%not-base64%%%', headers: { 'content-type': 'application/x-www-form-urlencoded' }, path: '/flags/?v=2&compression=base64' },
    { name: 'nesting deeper than the JSON depth cap', body: `{"token":"${warren.token}","distinct_id":"deep","person_properties":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`, headers: json },
  ];
  for (const c of cases) {
    const res = await rawFlags(c.body, c.headers, c.path);
    assert.equal(res.status, 400, `${c.name}: ${res.status} ${res.text.slice(0, 300)}`);
    assert.ok(res.elapsedMs < QUICK_MS, `${c.name} took ${Math.round(res.elapsedMs)} ms`);
    const body = JSON.parse(res.text) as { type: string; code: string; detail: string };
    assert.equal(typeof body.type, 'string', c.name);
    assert.equal(typeof body.code, 'string', c.name);
    assert.equal(typeof body.detail, 'string', c.name);
  }
  const noDistinctId = await postFlags(warren, '/flags/?v=2', { token: warren.token } as never);
  assert.equal(noDistinctId.status, 400, JSON.stringify(noDistinctId.body));
  assert.equal(noDistinctId.body.attr, 'distinct_id');
  await stillServing();
});

test('an unknown or missing project token is a 401 and evaluates nothing', async () => {
  for (const token of ['phc_no_such_project_000000000000000', '', undefined]) {
    const body = token === undefined ? { distinct_id: 'u' } : { token, distinct_id: 'u' };
    const res = await rawFlags(JSON.stringify(body), { 'content-type': 'application/json' });
    assert.equal(res.status, 401, `token ${JSON.stringify(token)}: ${res.text}`);
    const parsed = JSON.parse(res.text) as { type: string; flags?: unknown; featureFlags?: unknown };
    assert.equal(parsed.type, 'authentication_error');
    assert.equal(parsed.flags, undefined);
    assert.equal(parsed.featureFlags, undefined);
  }
  const decide = await rawFlags(JSON.stringify({ token: 'phc_no_such_project_000000000000000', distinct_id: 'u' }), { 'content-type': 'application/json' }, '/decide/?v=3');
  assert.equal(decide.status, 401);
});

test('10,000 person_properties are answered in under a second, and the last of them still targets', async () => {
  await createFlag(warren, { key: 'wide-target', filters: { groups: [{ properties: [{ key: 'p9999', type: 'person', operator: 'exact', value: 'v9999' }], rollout_percentage: 100 }] } });
  const personProperties = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`p${i}`, `v${i}`]));
  const res = await postFlags(warren, '/flags/?v=2', { distinct_id: 'wide-user', person_properties: personProperties });
  assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 300));
  assert.ok(res.elapsedMs < QUICK_MS, `took ${Math.round(res.elapsedMs)} ms`);
  assert.equal(res.body.flags['wide-target'].enabled, true);
  const groups = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`type${i}`, `key${i}`]));
  const manyGroups = await postFlags(warren, '/flags/?v=2', { distinct_id: 'wide-user', groups });
  assert.equal(manyGroups.status, 200);
  assert.ok(manyGroups.elapsedMs < QUICK_MS, `10,000 groups took ${Math.round(manyGroups.elapsedMs)} ms`);
  await stillServing();
});

test('a pathological regex (a+)+$ against a 50,000-character property is answered in under a second and the server keeps serving', async () => {
  await createFlag(warren, {
    key: 'redos',
    filters: {
      groups: [
        { properties: [{ key: 'bio', type: 'person', operator: 'regex', value: '(a+)+$' }], rollout_percentage: 100 },
      ],
    },
  });
  await createFlag(warren, {
    key: 'redos-negated',
    filters: { groups: [{ properties: [{ key: 'bio', type: 'person', operator: 'not_regex', value: '^(a|aa)+$' }], rollout_percentage: 100 }] },
  });
  const evil = `${'a'.repeat(50_000)}!`;
  const res = await postFlags(warren, '/flags/?v=2', { distinct_id: 'redos-user', person_properties: { bio: evil } });
  assert.equal(res.status, 200);
  assert.ok(res.elapsedMs < QUICK_MS, `took ${Math.round(res.elapsedMs)} ms`);
  assert.equal(res.body.flags.redos.enabled, false, 'the text does not end in a run of a');
  assert.equal(res.body.flags['redos-negated'].enabled, true);
  const matching = await postFlags(warren, '/flags/?v=2', { distinct_id: 'redos-user', person_properties: { bio: `!${'a'.repeat(50_000)}` } });
  assert.ok(matching.elapsedMs < QUICK_MS, `matching input took ${Math.round(matching.elapsedMs)} ms`);
  assert.equal(matching.body.flags.redos.enabled, true);

  // Several at once do not starve an ordinary request.
  const attacks = Array.from({ length: 8 }, () => postFlags(warren, '/flags/?v=2', { distinct_id: 'redos-user', person_properties: { bio: evil } }));
  const started = performance.now();
  await stillServing();
  assert.ok(performance.now() - started < QUICK_MS * 2, 'an ordinary request is answered while the attacks run');
  for (const attack of await Promise.all(attacks)) assert.equal(attack.status, 200);
});

test('odd but well-formed fields (wrong types, nulls, huge id) evaluate without errors', async () => {
  const odd: Array<Record<string, unknown>> = [
    { distinct_id: 'odd-1', person_properties: null, groups: null, group_properties: null },
    { distinct_id: 'odd-2', person_properties: [1, 2, 3], groups: 'company', group_properties: 'x' },
    { distinct_id: 12345 },
    { distinct_id: 'x'.repeat(100_000) },
    { distinct_id: 'odd-3', groups: { company: { nested: true } }, flag_keys_to_evaluate: 'always-on' },
    { distinct_id: 'odd-4', flag_keys_to_evaluate: Array.from({ length: 10_000 }, (_, i) => `k${i}`) },
  ];
  for (const body of odd) {
    const res = await postFlags(warren, '/flags/?v=2', body as never);
    assert.ok(res.status === 200 || res.status === 400, `${JSON.stringify(body).slice(0, 80)}: ${res.status}`);
    assert.ok(res.elapsedMs < QUICK_MS, `${JSON.stringify(body).slice(0, 80)} took ${Math.round(res.elapsedMs)} ms`);
    if (res.status === 200) assert.equal(res.body.errorsWhileComputingFlags, false);
  }
  await stillServing();
});
