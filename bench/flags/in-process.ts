/**
 * The engine alone, in the bench process: `evaluateFlags` over the same definitions Warren serves, for contexts
 * built from the seeded people and companies (the properties Warren stored for them). Also times each flag on its
 * own through `evaluateFlag`, to name the expensive ones and show what `evaluateFlags` adds around them.
 */
import { evaluateFlag } from '@warren/flags/evaluate-flag';
import { evaluateFlags, prepareFlagSet } from '@warren/flags/evaluate-flags';
import { prepareFlag } from '@warren/flags/prepared-flag';
import type { EvaluationContext } from '@warren/flags/evaluation-context';
import type { FlagDefinition } from '@warren/flags/flag-definition';
import { mulberry32 } from '../shared/seeded-random.js';
import { COMPANY_GROUP_TYPE, seedCompany, seedPerson } from './population.js';

export interface InProcessSettings {
  persons: number;
  companies: number;
  /** Anchor of the seeded sign-up dates. */
  seededAtMs: number;
  /** Different contexts evaluated (drawn at random from the stored people). */
  contexts: number;
  /** Wall time of the timed `evaluateFlags` loop. */
  durationMs: number;
}

export interface InProcessResult {
  flagsPerCall: number;
  calls: number;
  /** Mean time per flag inside `evaluateFlags` (one call's time / flags evaluated). */
  usPerFlag: number;
  /** One `evaluateFlags` call for all flags. */
  callP50Us: number;
  callP99Us: number;
  /** Each flag through `evaluateFlag` on its own, slowest first. */
  perFlag: { key: string; us: number }[];
}

/** The context `/flags` builds for stored person `index` asking with its company as group. */
export function contextFor(index: number, settings: Pick<InProcessSettings, 'companies' | 'seededAtMs'>, now: Date): EvaluationContext {
  const person = seedPerson(index, settings.companies, settings.seededAtMs);
  const company = seedCompany(Number(person.company.slice('company-'.length)));
  return {
    distinctId: person.distinctId,
    personProperties: person.properties,
    groups: { [COMPANY_GROUP_TYPE]: company.key },
    groupProperties: { [COMPANY_GROUP_TYPE]: company.properties },
    groupTypeMapping: { '0': COMPANY_GROUP_TYPE },
    now,
    mode: 'remote',
  };
}

export function measureInProcess(definitions: FlagDefinition[], settings: InProcessSettings): InProcessResult {
  const rng = mulberry32(7);
  const now = new Date();
  const contexts = Array.from({ length: settings.contexts }, () => contextFor(Math.floor(rng() * settings.persons), settings, now));
  // Prepared once, as Warren prepares each project's flag set once (the dependency index is not per request).
  const prepared = prepareFlagSet(definitions);
  const flagsPerCall = evaluateFlags(definitions, contexts[0], { prepared }).flags.length;
  for (const ctx of contexts) evaluateFlags(definitions, ctx, { prepared }); // warm-up: let V8 optimize before timing

  const callNs: number[] = [];
  let sink = 0;
  const deadline = performance.now() + settings.durationMs;
  while (performance.now() < deadline) {
    for (const ctx of contexts) {
      const start = process.hrtime.bigint();
      sink += evaluateFlags(definitions, ctx, { prepared }).flags.length;
      callNs.push(Number(process.hrtime.bigint() - start));
    }
  }
  if (sink === 0) throw new Error('nothing was evaluated');
  const sorted = Float64Array.from(callNs).sort();
  const totalNs = callNs.reduce((a, b) => a + b, 0);
  return {
    flagsPerCall,
    calls: callNs.length,
    usPerFlag: totalNs / callNs.length / flagsPerCall / 1000,
    callP50Us: sorted[Math.floor(sorted.length * 0.5)] / 1000,
    callP99Us: sorted[Math.floor(sorted.length * 0.99)] / 1000,
    perFlag: timePerFlag(definitions, contexts),
  };
}

function timePerFlag(definitions: FlagDefinition[], contexts: EvaluationContext[]): { key: string; us: number }[] {
  const rounds = 3;
  return definitions
    .map((flag) => {
      // Read once, as a prepared flag set reads each flag; dependencies read as already evaluated (true), as
      // evaluateFlags supplies them.
      const options = { prepared: prepareFlag(flag), dependencies: () => ({ kind: 'value' as const, value: true }) };
      for (const ctx of contexts) evaluateFlag(flag, ctx, options);
      const start = process.hrtime.bigint();
      for (let r = 0; r < rounds; r++) for (const ctx of contexts) evaluateFlag(flag, ctx, options);
      return { key: flag.key, us: Number(process.hrtime.bigint() - start) / 1000 / (rounds * contexts.length) };
    })
    .sort((a, b) => b.us - a.us);
}
