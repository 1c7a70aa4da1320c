import { eventRank, keyCoding } from './funnel-key.js';

/**
 * A naive in-memory funnel, written as plainly as possible: the definition Warren's funnel SQL is held to by the
 * randomized test. It walks each actor's events one by one, as PostHog's funnel UDF does, where the SQL computes the
 * same thing for all events at once.
 *
 * Definitions (the SQL follows them; see funnels-query.ts for the PostHog behaviour they come from):
 * - Events of an actor sort by time, then by the steps they match (an event of a lower step first, events matching
 *   no step last; funnel-key.ts), then by their values.
 * - Candidates: first_touch / last_touch take the value of the first / last event that has one; all_events runs
 *   the funnel once per value over the events carrying it; step attribution once per value its step's events carry,
 *   that step taken only by events with the value. holdConstant runs once per value held by a step-0 event, over
 *   the events carrying it. Trends run once per bucket holding a step-0 event (any step event for unordered), the
 *   conversion starting in it.
 * - Ordered / strict (levels = mandatory steps taken): state i is the conversion that reached level i with the
 *   latest start. An event taking level i+1 within the window of state i's start extends it, unless the previous such
 *   extension had the same start. Strict: a state survives only events that take its level or are optional steps
 *   after it. An exclusion of level c marks state c (in window, not extended yet, not marked yet); extending a
 *   marked state is tainted: it counts for the furthest level but is not stored. Marks apply before steps within an
 *   event, steps go from the highest level down.
 * - The counted conversion: the furthest level `lstar`; at the last level the first stored conversion; below it the
 *   first stored conversion at `lstar` with no later mark at `lstar` within its window. None: the actor is dropped.
 * - Optional steps: taken when an event of the step lies after the mandatory step before it and before the next
 *   mandatory step (past the last level reached: within the window; strict: before the first breaking event).
 * - Unordered: each step event opens a window of the conversion window; its steps = maximum matching of steps to its
 *   events, 0 when it holds an exclusion; the counted one is the earliest window with the most steps; its times are
 *   the first events of each step in it, sorted.
 * - Times of 0 s are left out of averages and medians; medians of an even count are the mean of the middle two.
 */

export interface RefEvent {
  actor: string;
  /** Seconds since the epoch. */
  ts: number;
  steps: boolean[];
  /** Per exclusion of the funnel. */
  exclusions: boolean[];
  bd: string[];
  hold: string[];
  bucket: string;
}

export interface RefFunnel {
  order: 'ordered' | 'strict' | 'unordered';
  windowSeconds: number;
  optional: boolean[];
  exclusions: { from: number; to: number }[];
  breakdown: boolean;
  attribution: 'first_touch' | 'last_touch' | 'all_events' | 'step';
  attributionStep: number;
  hold: boolean;
  trends: boolean;
  fromStep: number;
  toStep: number;
}

export interface RefOutcome {
  actor: string;
  bd: string[];
  bucket: string;
  counted: boolean;
  reached: boolean[];
  times: number[];
  ttc: number;
  rank: number[];
}

const NULL_VALUE = '$$_posthog_breakdown_null_$$';

/**
 * Every actor's outcome per breakdown value (and trends bucket), held-property partitions merged.
 * @example referenceOutcomes(events, funnel).filter((o) => o.counted).length // actors counted at step 0
 */
export function referenceOutcomes(events: readonly RefEvent[], funnel: RefFunnel): RefOutcome[] {
  const byActor = new Map<string, RefEvent[]>();
  for (const e of events) byActor.set(e.actor, [...(byActor.get(e.actor) ?? []), e]);
  const merged = new Map<string, RefOutcome & { hold?: string[] }>();
  for (const [actor, list] of byActor) {
    const sorted = [...list].sort(compareEvents(funnel));
    for (const candidate of candidates(sorted, funnel)) {
      const outcome = { actor, bd: candidate.bd, bucket: candidate.bucket, ...evaluate(candidate, funnel) };
      const key = JSON.stringify([actor, candidate.bd, candidate.bucket]);
      const before = merged.get(key);
      // Held-value partitions: the best rank wins; equal ranks go to the larger held value.
      const order = before ? compareRanks(outcome.rank, before.rank) || compareStrings(candidate.hold, before.hold ?? []) : 1;
      if (order > 0) merged.set(key, { ...outcome, hold: candidate.hold });
    }
  }
  return [...merged.values()];
}

function compareEvents(funnel: RefFunnel) {
  const { scale } = keyCoding({ steps: funnel.optional.length, exclusions: funnel.exclusions.length });
  const rank = (e: RefEvent) => eventRank(e.steps, e.exclusions);
  return (a: RefEvent, b: RefEvent) =>
    Math.round(a.ts * scale) - Math.round(b.ts * scale) || rank(a) - rank(b) ||
    compareStrings([...a.bd, ...a.hold, a.bucket], [...b.bd, ...b.hold, b.bucket]);
}

function compareStrings(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return Buffer.compare(Buffer.from(a[i]), Buffer.from(b[i]));
  }
  return a.length - b.length;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

interface Candidate {
  bd: string[];
  hold: string[];
  bucket: string;
  events: RefEvent[];
  /** Step attribution: only events with this value take the step. */
  stepValue: string[] | null;
}

function candidates(events: RefEvent[], funnel: RefFunnel): Candidate[] {
  const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);
  const distinct = (values: string[][]) => [...new Map(values.map((v) => [JSON.stringify(v), v])).values()];
  const starts = (list: RefEvent[]) => list.filter((e) => (funnel.order === 'unordered' ? e.steps.some(Boolean) : e.steps[0]));
  let list: { bd: string[]; hold: string[]; events: RefEvent[]; stepValue: string[] | null }[] = [{ bd: [], hold: [], events, stepValue: null }];
  if (funnel.breakdown) {
    const known = events.filter((e) => e.bd.some((v) => v !== NULL_VALUE));
    const nulls = events[0].bd.map(() => NULL_VALUE);
    if (funnel.attribution === 'first_touch') list = [{ bd: known[0]?.bd ?? nulls, hold: [], events, stepValue: null }];
    else if (funnel.attribution === 'last_touch') list = [{ bd: known.at(-1)?.bd ?? nulls, hold: [], events, stepValue: null }];
    else if (funnel.attribution === 'all_events') {
      list = distinct(events.map((e) => e.bd)).map((bd) => ({ bd, hold: [], events: events.filter((e) => same(e.bd, bd)), stepValue: null }));
    } else {
      const atStep = events.filter((e) => e.steps[funnel.attributionStep]);
      list = distinct(atStep.map((e) => e.bd)).map((bd) => ({ bd, hold: [], events, stepValue: bd }));
    }
  }
  if (funnel.hold) {
    list = list.flatMap((c) =>
      distinct(starts(events).map((e) => e.hold)).map((hold) => ({ ...c, hold, events: c.events.filter((e) => same(e.hold, hold)) })),
    );
  }
  const buckets = funnel.trends ? [...new Set(starts(events).map((e) => e.bucket))] : [''];
  return list.flatMap((c) => buckets.map((bucket) => ({ ...c, bucket })));
}

function tainting(e: RefEvent, funnel: RefFunnel): number[] {
  const mandatory = mandatorySteps(funnel);
  const levels = new Set<number>();
  funnel.exclusions.forEach((x, i) => {
    if (!e.exclusions[i]) return;
    let a = 0;
    mandatory.forEach((m, j) => (m <= x.from ? (a = j) : undefined));
    const after = mandatory.findIndex((m) => m >= x.to);
    const b = after === -1 ? mandatory.length : after;
    for (let c = a + 1; c <= b; c++) levels.add(c);
  });
  return [...levels];
}

function mandatorySteps(funnel: RefFunnel): number[] {
  return funnel.optional.flatMap((o, k) => (o ? [] : [k]));
}

function evaluate(candidate: Candidate, funnel: RefFunnel): Omit<RefOutcome, 'actor' | 'bd' | 'bucket'> {
  return funnel.order === 'unordered' ? unordered(candidate, funnel) : sequential(candidate, funnel);
}

interface Chain {
  start: number;
  positions: number[];
}

function sequential(candidate: Candidate, funnel: RefFunnel): Omit<RefOutcome, 'actor' | 'bd' | 'bucket'> {
  const { events } = candidate;
  const mandatory = mandatorySteps(funnel);
  const levels = mandatory.length;
  const W = funnel.windowSeconds;
  // A step as this candidate sees it: step attribution and trends buckets narrow who may take a step.
  const matches = (e: RefEvent, step: number) => {
    if (!e.steps[step]) return false;
    if (candidate.stepValue && step === funnel.attributionStep && JSON.stringify(e.bd) !== JSON.stringify(candidate.stepValue)) return false;
    return !(funnel.trends && step === 0 && e.bucket !== candidate.bucket);
  };
  const takes = (e: RefEvent, level: number) => matches(e, mandatory[level - 1]);
  const optionalAfter = (e: RefEvent, level: number) => funnel.optional.some((o, k) => o && gapOf(funnel, k) === level && matches(e, k));
  const states: (Chain | null)[] = new Array(levels + 1).fill(null);
  const lastRaw: number[] = new Array(levels + 2).fill(0);
  const lastCandidateMark: number[] = new Array(levels + 1).fill(0);
  const latestMark: number[] = new Array(levels + 1).fill(0);
  const has: boolean[] = new Array(levels + 1).fill(false);
  const stored: { at: number; chain: Chain }[][] = Array.from({ length: levels + 1 }, () => []);
  const marks: { at: number; t: number }[][] = Array.from({ length: levels + 1 }, () => []);
  events.forEach((e, j) => {
    const x = tainting(e, funnel);
    for (let c = 1; c <= levels; c++) {
      const p = states[c];
      const mark = x.includes(c) && p && e.ts - p.start <= W && (c === levels || lastRaw[c + 1] !== p.start) ? p.start : 0;
      if (mark > 0 && mark !== lastCandidateMark[c]) {
        latestMark[c] = mark;
        marks[c].push({ at: j, t: e.ts });
      }
      if (mark > 0) lastCandidateMark[c] = mark;
    }
    const storedNow = new Set<number>();
    for (let i = levels; i >= 2; i--) {
      const p = states[i - 1];
      const raw = takes(e, i) && p && e.ts - p.start <= W ? p.start : 0;
      if (raw === 0) continue;
      const keep = raw !== lastRaw[i];
      lastRaw[i] = raw;
      if (!keep || !p) continue;
      has[i] = true;
      if (latestMark[i - 1] === p.start) continue; // tainted: counts, never stored
      states[i] = { start: p.start, positions: [...p.positions, j] };
      stored[i].push({ at: j, chain: states[i] as Chain });
      storedNow.add(i);
    }
    if (takes(e, 1)) {
      has[1] = true;
      if (e.ts !== lastRaw[1]) {
        states[1] = { start: e.ts, positions: [j] };
        stored[1].push({ at: j, chain: states[1] });
        storedNow.add(1);
      }
      lastRaw[1] = e.ts;
    }
    if (funnel.order === 'strict') {
      for (let i = 1; i <= levels; i++) if (!storedNow.has(i) && !takes(e, i) && !optionalAfter(e, i)) states[i] = null;
    }
  });
  let lstar = 0;
  for (let i = 1; i <= levels; i++) if (has[i]) lstar = i;
  let chosen: Chain | undefined;
  if (lstar === levels) chosen = stored[lstar][0]?.chain;
  else if (lstar > 0) {
    chosen = stored[lstar].find(({ at, chain }) => !marks[lstar].some((m) => m.at > at && m.t <= chain.start + W))?.chain;
  }
  return outcomeOf(chosen, lstar, candidate, funnel, matches, optionalAfter);
}

function gapOf(funnel: RefFunnel, k: number): number {
  const mandatory = mandatorySteps(funnel);
  const next = mandatory.findIndex((m) => m >= k);
  return next === -1 ? mandatory.length : next;
}

function outcomeOf(
  chosen: Chain | undefined,
  lstar: number,
  candidate: Candidate,
  funnel: RefFunnel,
  matches: (e: RefEvent, step: number) => boolean,
  optionalAfter: (e: RefEvent, level: number) => boolean,
): Omit<RefOutcome, 'actor' | 'bd' | 'bucket'> {
  const steps = funnel.optional.length;
  const { events } = candidate;
  const mandatory = mandatorySteps(funnel);
  if (!chosen) return { counted: false, reached: new Array(steps).fill(false), times: new Array(steps).fill(0), ttc: 0, rank: [0, lstar, 0, 0] };
  const T = (i: number) => events[i].ts;
  const q = (level: number) => chosen.positions[level - 1];
  const optionalAt = new Map<number, number>();
  funnel.optional.forEach((isOptional, o) => {
    if (!isOptional) return;
    const g = gapOf(funnel, o);
    if (lstar < g) return;
    const before = q(g);
    let upper = events.length;
    if (g < mandatory.length && lstar > g) upper = q(g + 1);
    else if (funnel.order === 'strict') {
      const breaking = events.findIndex((e, i) => i > before && !matches(e, mandatory[g - 1]) && !optionalAfter(e, g));
      upper = breaking === -1 ? events.length : breaking;
    }
    const at = events.findIndex((e, i) => i > before && matches(e, o));
    const inRange = events.some((e, i) => i > before && i < upper && matches(e, o) && e.ts <= chosen.start + funnel.windowSeconds);
    if (inRange) optionalAt.set(o, at);
  });
  const position = (k: number) => (funnel.optional[k] ? optionalAt.get(k) : q(mandatory.indexOf(k) + 1));
  const reached = funnel.optional.map((o, k) => (o ? optionalAt.has(k) : lstar > mandatory.indexOf(k)));
  const times = funnel.optional.map((o, k) => {
    if (k === 0 || !reached[k]) return 0;
    const j = mandatory.indexOf(k);
    const previous = o ? [q(gapOf(funnel, k))] : [q(j), ...[...optionalAt].filter(([s]) => gapOf(funnel, s) === j).map(([, at]) => at)];
    return T(position(k) as number) - T(Math.max(...previous));
  });
  const ttc = reached[funnel.toStep] ? T(position(funnel.toStep) as number) - T(position(funnel.fromStep) as number) : 0;
  return { counted: true, reached, times, ttc, rank: [1, lstar, -T(q(lstar)), chosen.start] };
}

function unordered(candidate: Candidate, funnel: RefFunnel): Omit<RefOutcome, 'actor' | 'bd' | 'bucket'> {
  const { events } = candidate;
  const steps = funnel.optional.length;
  const W = funnel.windowSeconds;
  let best = -1;
  let lstar = 0;
  events.forEach((a, i) => {
    if (!a.steps.some(Boolean)) return;
    if (candidate.stepValue && JSON.stringify(a.bd) !== JSON.stringify(candidate.stepValue)) return;
    if (funnel.trends && a.bucket !== candidate.bucket) return;
    const inWindow = events.filter((e, j) => j >= i && e.ts <= a.ts + W);
    const level = inWindow.some((e) => e.exclusions.some(Boolean)) ? 0 : maximumMatching(inWindow, steps);
    if (level > lstar) [lstar, best] = [level, i];
  });
  if (best < 0) return { counted: false, reached: new Array(steps).fill(false), times: new Array(steps).fill(0), ttc: 0, rank: [0, 0, 0, 0] };
  const start = events[best].ts;
  const firsts: number[] = [];
  for (let k = 0; k < steps; k++) {
    const first = events.find((e, j) => j >= best && e.steps[k]);
    if (first && first.ts <= start + W) firsts.push(first.ts);
  }
  firsts.sort((a, b) => a - b);
  const reached = Array.from({ length: steps }, (_, k) => lstar > k);
  const times = reached.map((r, k) => (k > 0 && r ? firsts[k] - firsts[k - 1] : 0));
  const ttc = reached[funnel.toStep] ? firsts[funnel.toStep] - firsts[funnel.fromStep] : 0;
  return { counted: true, reached, times, ttc, rank: [1, lstar, -start, start] };
}

/** The most steps the events can take, one event per step (augmenting paths). */
function maximumMatching(events: RefEvent[], steps: number): number {
  const owner = new Array<number>(events.length).fill(-1);
  const tryStep = (k: number, seen: Set<number>): boolean => {
    for (let e = 0; e < events.length; e++) {
      if (!events[e].steps[k] || seen.has(e)) continue;
      seen.add(e);
      if (owner[e] === -1 || tryStep(owner[e], seen)) {
        owner[e] = k;
        return true;
      }
    }
    return false;
  };
  let matched = 0;
  for (let k = 0; k < steps; k++) if (tryStep(k, new Set())) matched++;
  return matched;
}

/** Average and median (mean of the middle two for an even count) of the times above 0; null for none. @example averageAndMedian([0, 2, 4]) // => { average: 3, median: 3 } */
export function averageAndMedian(values: number[]): { average: number | null; median: number | null } {
  const kept = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (kept.length === 0) return { average: null, median: null };
  const middle = (kept[Math.floor((kept.length + 1) / 2) - 1] + kept[Math.floor(kept.length / 2)]) / 2;
  return { average: kept.reduce((a, b) => a + b, 0) / kept.length, median: middle };
}
