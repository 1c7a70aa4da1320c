/**
 * The numbers a question's answer comes down to, read the same way from Warren's PostHog-shaped `results` and from a
 * baseline's rows, so the two can be checked against each other: DAU per day, persons per funnel step, the retention
 * triangle, and the path edges.
 */
import type { QuestionName } from './questions.js';

export interface PathEdge {
  source: string;
  target: string;
  value: number;
  averageMs: number;
}

/** trends and funnel: one number per day or step; retention: one row per cohort; paths: the edges. */
export type Answer = number[] | number[][] | PathEdge[];

/** Average path times may differ by float rounding between two ways of averaging the same integers. */
const AVERAGE_MS_TOLERANCE = 1;

/** Keeps the edges reachable from a first step (`1_…`), as PostHog does after cutting to the edge limit. */
export function reachableEdges(edges: PathEdge[]): PathEdge[] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = edges.map((e) => e.source).filter((s) => s.startsWith('1_'));
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...(next.get(node) ?? []));
  }
  return edges.filter((e) => seen.has(e.source));
}

type Row = Record<string, unknown>;

/** Reads Warren's `results` for a question (rest-api.md 2.7-2.10). */
export function warrenAnswer(name: QuestionName, results: unknown): Answer {
  const rows = results as Row[];
  switch (name) {
    case 'trends':
      return (rows[0].data as unknown[]).map(Number);
    case 'funnel':
      return rows.map((step) => Number(step.count));
    case 'retention':
      return rows.map((cohort) => (cohort.values as Row[]).map((v) => Number(v.count)));
    case 'paths':
      return rows.map((e) => ({ source: String(e.source), target: String(e.target), value: Number(e.value), averageMs: Number(e.average_conversion_time) }));
  }
}

/** Null when both answers hold the same numbers, else the first difference in words. */
export function firstDifference(name: QuestionName, warren: Answer, baseline: Answer): string | null {
  if (name === 'paths') return pathsDifference(warren as PathEdge[], baseline as PathEdge[]);
  const [w, b] = [JSON.stringify(warren), JSON.stringify(baseline)];
  if (w === b) return null;
  if (name === 'retention') {
    const [wt, bt] = [warren as number[][], baseline as number[][]];
    for (let i = 0; i < Math.max(wt.length, bt.length); i++) {
      if (JSON.stringify(wt[i]) !== JSON.stringify(bt[i])) return `cohort ${i}: Warren ${JSON.stringify(wt[i])}, baseline ${JSON.stringify(bt[i])}`;
    }
  }
  const [wl, bl] = [warren as number[], baseline as number[]];
  if (wl.length !== bl.length) return `Warren has ${wl.length} values, the baseline ${bl.length}`;
  const i = wl.findIndex((v, j) => v !== bl[j]);
  return `${name === 'trends' ? 'day' : 'step'} ${i}: Warren ${wl[i]}, baseline ${bl[i]}`;
}

function pathsDifference(warren: PathEdge[], baseline: PathEdge[]): string | null {
  const key = (e: PathEdge) => `${e.source} -> ${e.target}`;
  const expected = new Map(baseline.map((e) => [key(e), e]));
  for (const edge of warren) {
    const other = expected.get(key(edge));
    if (!other) return `edge ${key(edge)} (${edge.value}) is not among the baseline's ${baseline.length} edges`;
    if (other.value !== edge.value) return `edge ${key(edge)}: Warren ${edge.value}, baseline ${other.value}`;
    if (Math.abs(other.averageMs - edge.averageMs) > AVERAGE_MS_TOLERANCE) {
      return `edge ${key(edge)}: average ${edge.averageMs.toFixed(1)} ms from Warren, ${other.averageMs.toFixed(1)} ms from the baseline`;
    }
  }
  return warren.length === baseline.length ? null : `Warren has ${warren.length} edges, the baseline ${baseline.length}`;
}

/** A one-line picture of an answer, to show the data is shaped as intended. */
export function summarize(name: QuestionName, answer: Answer): string {
  const n = (v: number) => v.toLocaleString('en-US');
  switch (name) {
    case 'trends': {
      const days = answer as number[];
      return `DAU ${n(days[0])} on the first day, ${n(days[days.length - 1])} on the last, ${n(Math.max(...days))} at most`;
    }
    case 'funnel': {
      const steps = answer as number[];
      return `${steps.map(n).join(' -> ')} persons (${((steps[steps.length - 1] / steps[0]) * 100).toFixed(1)} % convert)`;
    }
    case 'retention': {
      const [first] = answer as number[][];
      return `first cohort ${n(first[0])} persons, back in weeks 1-${first.length - 1}: ${first.slice(1).map((c) => `${Math.round((c / first[0]) * 100)}%`).join(' ')}`;
    }
    case 'paths': {
      const edges = answer as PathEdge[];
      return `${edges.length} edges; top: ${edges.slice(0, 2).map((e) => `${e.source} -> ${e.target} (${n(e.value)})`).join(', ')}`;
    }
  }
}
