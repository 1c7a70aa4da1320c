import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { EvaluationContext } from './evaluation-context.js';
import { evaluateFlags } from './evaluate-flags.js';
import { flagValueOf } from './flag-evaluation.js';
import { buildLocalEvaluationDefinitions } from './local-evaluation-definitions.js';
import { agreementCohorts, agreementFlags, agreementGroupTypes } from './test-support/agreement-flags.js';
import { generatePeople, type GeneratedPerson } from './test-support/agreement-people.js';
import { createSdkPoller, loadSdkPropertyMatcher } from './test-support/posthog-node-poller.js';

const PEOPLE = 2000;

function contextFor(person: GeneratedPerson, mode: 'remote' | 'local'): EvaluationContext {
  return {
    ...person,
    groupTypeMapping: agreementGroupTypes,
    cohorts: agreementCohorts,
    deviceId: (person.personProperties.$device_id as string | undefined) ?? null,
    now: new Date(),
    mode,
  };
}

test('posthog-node local evaluation and Warren agree on every value for 2,000 people x every flag', async () => {
  const sdkErrors: Error[] = [];
  const definitions = buildLocalEvaluationDefinitions(agreementFlags, agreementGroupTypes, agreementCohorts);
  const poller = await createSdkPoller(definitions, (error) => sdkErrors.push(error));
  const mismatches: string[] = [];
  let resolved = 0;
  let unresolved = 0;
  const resolvedByFlag = new Map<string, number>();
  for (const person of generatePeople(PEOPLE, new Date())) {
    const sdk = await poller.getAllFlagsAndPayloads({ ...person, evaluationCache: {} });
    const remote = evaluateFlags(agreementFlags, contextFor(person, 'remote'));
    const local = evaluateFlags(agreementFlags, contextFor(person, 'local'));
    assert.equal(sdk.response.inactive, false, 'an inactive dependency is served and reads false');
    for (const flag of definitions.flags.filter((served) => served.active)) {
      const where = `${person.distinctId} / ${flag.key}`;
      if (flag.key in sdk.response) {
        resolved++;
        resolvedByFlag.set(flag.key, (resolvedByFlag.get(flag.key) ?? 0) + 1);
        const expected = sdk.response[flag.key];
        const remoteResult = remote.flags.find((result) => result.key === flag.key)!;
        if (flagValueOf(remoteResult) !== expected) mismatches.push(`${where}: sdk ${expected}, remote ${flagValueOf(remoteResult)}`);
        const localResult = local.flags.find((result) => result.key === flag.key);
        if (!localResult || flagValueOf(localResult) !== expected) mismatches.push(`${where}: sdk ${expected}, local ${localResult ? flagValueOf(localResult) : 'unresolved'}`);
        const sdkPayload = sdk.payloads[flag.key] ?? null;
        const ourPayload = remoteResult.payload === null ? null : JSON.parse(remoteResult.payload);
        if (JSON.stringify(sdkPayload) !== JSON.stringify(ourPayload)) mismatches.push(`${where}: payload ${JSON.stringify(sdkPayload)} vs ${remoteResult.payload}`);
      } else {
        unresolved++;
        assert.ok(flag.key in sdk.unresolved, `${where}: the SDK neither answered nor reported why`);
        if (!(flag.key in local.unresolved)) mismatches.push(`${where}: sdk unresolved (${sdk.unresolved[flag.key]}), local ${flagValueOf(local.flags.find((result) => result.key === flag.key)!)}`);
      }
    }
  }
  await poller.stopPoller();
  if (process.env.AGREEMENT_STATS) console.log(JSON.stringify({ resolved, unresolved, byFlag: [...resolvedByFlag] }));
  assert.deepEqual(sdkErrors.map(String), []);
  const byFlag = new Map<string, number>();
  for (const line of mismatches) byFlag.set(line.split(' / ')[1].split(':')[0], (byFlag.get(line.split(' / ')[1].split(':')[0]) ?? 0) + 1);
  assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches: ${JSON.stringify([...byFlag])}`);
  // Guard against a vacuous pass: most answers must be definite, and every flag but the continuity one decided.
  assert.ok(resolved > unresolved * 3, `resolved ${resolved}, unresolved ${unresolved}`);
  for (const flag of definitions.flags.filter((served) => served.active)) {
    if (flag.key === 'continuity') assert.equal(resolvedByFlag.get(flag.key) ?? 0, 0);
    else assert.ok((resolvedByFlag.get(flag.key) ?? 0) > PEOPLE / 10, `${flag.key} decided too rarely: ${JSON.stringify([...resolvedByFlag])}`);
  }
});

test("the cases file's local expectations are what posthog-node's own property matcher says", async () => {
  const { match, Inconclusive } = await loadSdkPropertyMatcher();
  const cases = JSON.parse(readFileSync(new URL('../cases/flag-cases.v1.json', import.meta.url), 'utf8')) as {
    propertyCases: Array<{ name: string; filter: { value?: unknown }; properties: Record<string, unknown>; expected: { local: unknown } }>;
  };
  // Relative dates resolve against the real clock inside the SDK, not the cases file's fixed `now`.
  const comparable = cases.propertyCases.filter((c) => !(typeof c.filter.value === 'string' && /^-?\d+[a-z]$/.test(c.filter.value)));
  assert.ok(comparable.length > 60);
  for (const c of comparable) {
    let sdk: unknown;
    try {
      sdk = match(c.filter, c.properties);
    } catch (error) {
      if (!(error instanceof Inconclusive)) throw error;
      sdk = `inconclusive:${(error as Error & { reason: string }).reason}`;
    }
    assert.equal(sdk, c.expected.local, c.name);
  }
});
