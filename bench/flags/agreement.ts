/**
 * A sanity check before timing anything: `/flags` for stored persons must give what `evaluateFlags` gives in-process
 * for the properties the bench seeded, or the server is not reading the stored person (and the timings would be of
 * something else).
 */
import { evaluateFlags } from '@warren/flags/evaluate-flags';
import type { FlagDefinition } from '@warren/flags/flag-definition';
import type { WarrenProcess } from '../../tests/support/spawn-warren.js';
import { mulberry32 } from '../shared/seeded-random.js';
import { contextFor } from './in-process.js';

export interface Agreement {
  sampled: number;
  identical: number;
  firstDifference: string | null;
  /** One response body, as the baseline's canned answer. */
  sampleBody: string;
}

type FlagValue = { enabled: boolean; variant: string | null };
type V2Flags = { flags: Record<string, FlagValue> };

const brief = (f: FlagValue | undefined) => (f ? `enabled=${f.enabled} variant=${f.variant}` : 'absent');

export async function checkAgreement(
  warren: WarrenProcess, definitions: FlagDefinition[], population: { persons: number; companies: number; seededAtMs: number }, sample: number,
): Promise<Agreement> {
  const rng = mulberry32(11);
  let identical = 0;
  let firstDifference: string | null = null;
  let sampleBody = '';
  for (let n = 0; n < sample; n++) {
    const ctx = contextFor(Math.floor(rng() * population.persons), population, new Date());
    const res = await fetch(`${warren.url}/flags/?v=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: warren.token, distinct_id: ctx.distinctId, groups: ctx.groups }),
    });
    sampleBody = await res.text();
    if (!res.ok) throw new Error(`/flags answered ${res.status}: ${sampleBody}`);
    const served = (JSON.parse(sampleBody) as V2Flags).flags;
    const local = Object.fromEntries(evaluateFlags(definitions, ctx).flags.map((result) => [result.key, result]));
    const keys = new Set([...Object.keys(served), ...Object.keys(local)]);
    const differing = [...keys].find((k) => served[k]?.enabled !== local[k]?.enabled || (served[k]?.variant ?? null) !== (local[k]?.variant ?? null));
    if (differing === undefined) identical++;
    else firstDifference ??= `${ctx.distinctId} ${differing}: /flags ${brief(served[differing])}, in-process ${brief(local[differing])}`;
  }
  return { sampled: sample, identical, firstDifference, sampleBody };
}
