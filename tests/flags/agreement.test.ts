import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PostHog } from 'posthog-node';
import { eventually, hogql } from '../support/api-client.js';
import { dependentFlagBodies, generateAgreementPeople, independentFlagBodies, type AgreementPerson } from '../support/flag-agreement-universe.js';
import { createFlag, flagsV2, mapConcurrent, valueOf, type FlagsV2Body } from '../support/flags-client.js';
import { localEvaluationClient } from '../support/posthog-node-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

// The proof: the real posthog-node client, polling Warren's /flags/definitions and evaluating locally, and
// Warren's own POST /flags?v=2 give the same value and payload for every flag wherever the SDK can decide.

const PEOPLE = 10_000;
const IN_FLIGHT = 16;
// The SDK's per-flag path (getFeatureFlagResult) is checked against its all-flags path for this many people.
const PER_FLAG_PEOPLE = 1_000;

let warren: WarrenProcess;
let client: PostHog | undefined;
const flagKeys: string[] = [];
before(async () => {
  warren = await spawnWarren();
});
after(async () => {
  await client?.shutdown();
  await warren?.stop();
});

/** Makes Warren learn group type 0 = company, as a real project would from its first grouped event. */
async function registerCompanyGroupType(): Promise<void> {
  const seeder = new PostHog(warren.token, { host: warren.url, flushAt: 1, flushInterval: 0, fetchRetryCount: 0 });
  seeder.groupIdentify({ groupType: 'company', groupKey: 'seed-company', properties: { name: 'Seed' } });
  seeder.capture({ distinctId: 'seed-user', event: 'seeded', groups: { company: 'seed-company' } });
  await seeder.shutdown();
  await eventually(async () => Number((await hogql(warren, `select count() from events where event = 'seeded'`)).results[0][0]) === 1);
}

const parsePayload = (payload: string | null | undefined): unknown => (payload === null || payload === undefined ? null : JSON.parse(payload));

test(`posthog-node local evaluation (polling Warren) and Warren's /flags agree on every value and payload for ${PEOPLE.toLocaleString('en')} ids x every flag`, async () => {
  const startedMs = Date.now();
  await registerCompanyGroupType();
  const ids = new Map<string, number>();
  for (const body of independentFlagBodies) ids.set(String(body.key), (await createFlag(warren, body)).id);
  for (const body of dependentFlagBodies((key) => ids.get(key)!)) ids.set(String(body.key), (await createFlag(warren, body)).id);
  flagKeys.push(...ids.keys());

  client = localEvaluationClient(warren);
  assert.equal(await client.waitForLocalEvaluationReady(10_000), true, 'posthog-node loaded the definitions from Warren');

  const people = generateAgreementPeople(PEOPLE, new Date());
  const setupMs = Date.now() - startedMs;

  // Warren first (bounded concurrency), then the SDK, which is CPU-only.
  const remote: FlagsV2Body[] = await mapConcurrent(people, IN_FLIGHT, (p) =>
    flagsV2(warren, { distinct_id: p.distinctId, person_properties: p.personProperties, groups: p.groups, group_properties: p.groupProperties }),
  );
  const remoteMs = Date.now() - startedMs - setupMs;

  const mismatches: string[] = [];
  const decidedByFlag = new Map<string, number>(flagKeys.map((k) => [k, 0]));
  const onByFlag = new Map<string, number>(flagKeys.map((k) => [k, 0]));
  let decided = 0;
  let undecided = 0;
  const sdkOptions = (p: AgreementPerson) => ({ personProperties: p.personProperties as Record<string, string>, groups: p.groups, groupProperties: p.groupProperties as Record<string, Record<string, string>>, onlyEvaluateLocally: true });
  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    const all = await client.getAllFlagsAndPayloads(p.distinctId, sdkOptions(p));
    const sdk = { featureFlags: all.featureFlags ?? {}, featureFlagPayloads: all.featureFlagPayloads ?? {} };
    const warrenFlags = remote[i].flags;
    for (const key of flagKeys) {
      if (!(key in sdk.featureFlags)) {
        undecided++;
        continue;
      }
      decided++;
      decidedByFlag.set(key, decidedByFlag.get(key)! + 1);
      const sdkValue = sdk.featureFlags[key];
      if (sdkValue !== false) onByFlag.set(key, onByFlag.get(key)! + 1);
      const warrenValue = valueOf(warrenFlags[key]);
      const where = `${p.distinctId} ${key} (${JSON.stringify(p)})`;
      if (sdkValue !== warrenValue) mismatches.push(`${where}: posthog-node ${JSON.stringify(sdkValue)}, Warren ${JSON.stringify(warrenValue)}`);
      const sdkPayload = sdk.featureFlagPayloads[key] ?? null;
      const warrenPayload = warrenFlags[key]?.enabled ? parsePayload(warrenFlags[key].metadata.payload) : null;
      if (JSON.stringify(sdkPayload) !== JSON.stringify(warrenPayload)) {
        mismatches.push(`${where}: payload posthog-node ${JSON.stringify(sdkPayload)}, Warren ${JSON.stringify(warrenPayload)}`);
      }
      if (warrenFlags[key] && !warrenFlags[key].enabled && warrenFlags[key].metadata.payload !== null) {
        mismatches.push(`${where}: Warren sent payload ${warrenFlags[key].metadata.payload} for a flag that is off`);
      }
    }
    if (i < PER_FLAG_PEOPLE) {
      for (const key of flagKeys) {
        const one = await client.getFeatureFlagResult(key, p.distinctId, { ...sdkOptions(p), sendFeatureFlagEvents: false });
        const allValue = key in sdk.featureFlags ? sdk.featureFlags[key] : undefined;
        const oneValue = one === undefined ? undefined : one.enabled ? (one.variant ?? true) : false;
        if (oneValue !== allValue) mismatches.push(`${p.distinctId} ${key}: getFeatureFlagResult ${JSON.stringify(oneValue)}, getAllFlagsAndPayloads ${JSON.stringify(allValue)}`);
        if (oneValue !== undefined && oneValue !== valueOf(warrenFlags[key])) mismatches.push(`${p.distinctId} ${key}: getFeatureFlagResult ${JSON.stringify(oneValue)}, Warren ${JSON.stringify(valueOf(warrenFlags[key]))}`);
        if (one !== undefined && JSON.stringify(one.payload ?? null) !== JSON.stringify(sdk.featureFlagPayloads[key] ?? null)) {
          mismatches.push(`${p.distinctId} ${key}: getFeatureFlagResult payload ${JSON.stringify(one.payload)}, getAllFlagsAndPayloads ${JSON.stringify(sdk.featureFlagPayloads[key])}`);
        }
      }
    }
  }
  const sdkMs = Date.now() - startedMs - setupMs - remoteMs;
  const stats = { decided, undecided, decidedByFlag: Object.fromEntries(decidedByFlag), onByFlag: Object.fromEntries(onByFlag), setupMs, remoteMs, sdkMs };
  if (process.env.AGREEMENT_STATS) console.log(JSON.stringify(stats));

  assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} disagreements; stats ${JSON.stringify(stats)}`);
  for (const r of remote) assert.equal(r.errorsWhileComputingFlags, false);
  // Not vacuous: the SDK decided the large majority, every flag was decided often, and none is constant.
  assert.ok(decided >= (decided + undecided) * 0.8, `posthog-node decided only ${decided} of ${decided + undecided}`);
  for (const key of flagKeys) {
    const n = decidedByFlag.get(key)!;
    assert.ok(n >= PEOPLE * 0.5, `${key} decided for only ${n} ids: ${JSON.stringify(stats)}`);
    assert.ok(onByFlag.get(key)! > 0 && onByFlag.get(key)! < n, `${key} is on for ${onByFlag.get(key)} of ${n}: the flag does not discriminate`);
  }
  // The two flags with no properties are decided for everyone, at their rollouts.
  assert.equal(decidedByFlag.get('ag-rollout-5'), PEOPLE);
  assert.equal(decidedByFlag.get('ag-rollout-37'), PEOPLE);
  assert.ok(Math.abs(onByFlag.get('ag-rollout-5')! / PEOPLE - 0.05) < 0.01, `ag-rollout-5 on for ${onByFlag.get('ag-rollout-5')}`);
  assert.ok(Math.abs(onByFlag.get('ag-rollout-37')! / PEOPLE - 0.37) < 0.02, `ag-rollout-37 on for ${onByFlag.get('ag-rollout-37')}`);
});
