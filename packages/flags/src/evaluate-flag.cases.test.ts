import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { EvaluationContext, EvaluationMode, Properties } from './evaluation-context.js';
import { evaluateFlag } from './evaluate-flag.js';
import { evaluateFlags } from './evaluate-flags.js';
import type { FlagDefinition, JsonValue, PropertyFilter, PropertyGroup } from './flag-definition.js';
import { flagValueOf, type FlagEvaluation } from './flag-evaluation.js';
import { flagHash, unitHash } from './hash.js';
import { InconclusiveMatchError } from './inconclusive-match-error.js';
import { matchProperty } from './match-property.js';

// The versioned cases file is data shared with the HTTP and SDK-compat tests; this file only runs it.
const cases = JSON.parse(readFileSync(new URL('../cases/flag-cases.v1.json', import.meta.url), 'utf8')) as CasesFile;
const now = new Date(cases.now);

interface CaseContext {
  distinctId: string;
  personProperties?: Properties;
  groups?: Record<string, string>;
  groupProperties?: Record<string, Properties>;
  hashKeyOverrides?: Record<string, string>;
  cohortMembership?: Record<string, boolean>;
  deviceId?: string;
}
interface CasesFile {
  now: string;
  groupTypeMapping: Record<string, string>;
  cohorts: Record<string, PropertyGroup>;
  hashVectors: Array<{ text?: string; key?: string; id?: string; salt?: string; expected: number; source: string }>;
  consistencyVectors: Array<{ name: string; flag: FlagDefinition; distinctIdPrefix: string; expected: Array<boolean | string> }>;
  propertyCases: Array<{ name: string; filter: PropertyFilter; properties: Properties; expected: { remote: boolean | string; local: boolean | string } }>;
  flagCases: Array<{ name: string; flag: FlagDefinition; context: CaseContext; expected: ExpectedResult; expectedLocal?: string; expectedDescription?: string }>;
  flagSetCases: Array<{ name: string; flags: FlagDefinition[]; context: CaseContext; expected: Record<string, JsonValue>; errorsWhileComputingFlags: boolean; onlyKeys?: string[]; unresolvedLocal?: string[] }>;
}
interface ExpectedResult {
  enabled: boolean;
  variant: string | null;
  reason: { code: string; condition_index: number | null };
  payload: string | null;
  failed: boolean;
}

function contextOf(input: CaseContext, mode: EvaluationMode): EvaluationContext {
  const membership = input.cohortMembership;
  return {
    distinctId: input.distinctId,
    personProperties: input.personProperties ?? {},
    groups: input.groups ?? {},
    groupProperties: input.groupProperties ?? {},
    groupTypeMapping: cases.groupTypeMapping,
    cohorts: cases.cohorts,
    cohortMembership: membership ? (id) => membership[id] : undefined,
    hashKeyOverrides: input.hashKeyOverrides,
    deviceId: input.deviceId,
    now,
    mode,
  };
}

// 'inconclusive:<reason>' for local evaluation giving up, else the value.
function outcome<T>(run: () => T): T | string {
  try {
    return run();
  } catch (error) {
    if (error instanceof InconclusiveMatchError) return `inconclusive:${error.reason}`;
    throw error;
  }
}

const shape = (result: FlagEvaluation): ExpectedResult => ({
  enabled: result.enabled,
  variant: result.variant,
  reason: { code: result.reason.code, condition_index: result.reason.condition_index },
  payload: result.payload,
  failed: result.failed,
});

test('hash vectors published in PostHog tests', () => {
  for (const vector of cases.hashVectors) {
    const actual = vector.text !== undefined ? unitHash(vector.text) : flagHash(vector.key!, vector.id!, vector.salt);
    assert.equal(actual, vector.expected, vector.source);
  }
});

for (const vector of cases.consistencyVectors) {
  test(`PostHog consistency vectors: ${vector.name}`, () => {
    vector.expected.forEach((expected, i) => {
      const result = evaluateFlag(vector.flag, contextOf({ distinctId: `${vector.distinctIdPrefix}${i}` }, 'remote'));
      assert.equal(flagValueOf(result), expected, `${vector.distinctIdPrefix}${i}`);
    });
  });
}

test('property cases: every operator, remote and local', () => {
  for (const c of cases.propertyCases) {
    for (const mode of ['remote', 'local'] as const) {
      const actual = outcome(() => matchProperty(c.filter, c.properties, { mode, now }));
      assert.equal(actual, c.expected[mode], `${c.name} (${mode})`);
    }
  }
});

for (const c of cases.flagCases) {
  test(`flag case: ${c.name}`, () => {
    const remote = evaluateFlag(c.flag, contextOf(c.context, 'remote'));
    assert.deepEqual(shape(remote), c.expected);
    if (c.expectedDescription) assert.equal(remote.reason.description, c.expectedDescription);
    const local = outcome(() => flagValueOf(evaluateFlag(c.flag, contextOf(c.context, 'local'))));
    assert.equal(local, c.expectedLocal ?? flagValueOf(c.expected));
  });
}

for (const c of cases.flagSetCases) {
  test(`flag set case: ${c.name}`, () => {
    const remote = evaluateFlags(c.flags, contextOf(c.context, 'remote'), { onlyKeys: c.onlyKeys });
    const summary = Object.fromEntries(
      remote.flags.map((result) => {
        const key = result.key;
        const wanted = c.expected[key];
        const brief = { enabled: result.enabled, reason: result.reason.code, failed: result.failed };
        return [key, typeof wanted === 'object' && wanted !== null ? brief : flagValueOf(result)];
      }),
    );
    assert.deepEqual(summary, c.expected);
    assert.equal(remote.errorsWhileComputingFlags, c.errorsWhileComputingFlags);
    const local = evaluateFlags(c.flags, contextOf(c.context, 'local'), { onlyKeys: c.onlyKeys });
    assert.deepEqual(Object.keys(local.unresolved).sort(), [...(c.unresolvedLocal ?? [])].sort());
  });
}
