/**
 * The numbers an answer comes down to, read the same way from Warren's PostHog-shaped `results` and from a baseline's
 * rows, so the two can be checked against each other.
 */
import type { QuestionName } from './questions.js';

export interface OverviewAnswer {
  kind: 'overview';
  visitors: number;
  views: number;
  sessions: number;
  durationS: number;
  bounceRatePct: number;
}

export interface PageRow {
  path: string;
  visitors: number;
  views: number;
  /** Percent, or null when the table has no bounce rate for the path. */
  bounceRatePct: number | null;
}

export interface PagesAnswer {
  kind: 'pages';
  rows: PageRow[];
}

export type Answer = OverviewAnswer | PagesAnswer;

/** Averages computed in a different order differ in the last bits. */
const RELATIVE_TOLERANCE = 1e-9;

/** Reads Warren's `results` for a question (rest-api.md 2.14, 2.15). */
export function warrenAnswer(name: QuestionName, results: unknown): Answer {
  if (name === 'overview') {
    const items = new Map((results as { key: string; value: number | null }[]).map((i) => [i.key, Number(i.value)]));
    return {
      kind: 'overview',
      visitors: items.get('visitors')!,
      views: items.get('views')!,
      sessions: items.get('sessions')!,
      durationS: items.get('session duration')!,
      bounceRatePct: items.get('bounce rate')!,
    };
  }
  // Page table rows: [path, [visitors, previous], [views, previous], [bounce rate, previous], …] (rest-api.md 2.15).
  const rows = (results as unknown[][]).map((r): PageRow => {
    const first = (cell: unknown) => (Array.isArray(cell) ? cell[0] : cell);
    const bounce = first(r[3]);
    return { path: String(r[0]), visitors: Number(first(r[1])), views: Number(first(r[2])), bounceRatePct: bounce === null || bounce === undefined ? null : Number(bounce) * 100 };
  });
  return { kind: 'pages', rows };
}

const close = (a: number | null, b: number | null): boolean =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b)));

/** Null when both answers hold the same numbers, else the first difference in words. */
export function firstDifference(warren: Answer, baseline: Answer): string | null {
  if (warren.kind === 'overview' && baseline.kind === 'overview') {
    for (const key of ['visitors', 'views', 'sessions', 'durationS', 'bounceRatePct'] as const) {
      if (!close(warren[key], baseline[key])) return `${key}: Warren ${warren[key]}, baseline ${baseline[key]}`;
    }
    return null;
  }
  if (warren.kind === 'pages' && baseline.kind === 'pages') {
    if (warren.rows.length !== baseline.rows.length) return `Warren has ${warren.rows.length} rows, the baseline ${baseline.rows.length}`;
    for (let i = 0; i < warren.rows.length; i++) {
      const [w, b] = [warren.rows[i], baseline.rows[i]];
      if (w.path !== b.path || w.visitors !== b.visitors || w.views !== b.views || !close(w.bounceRatePct, b.bounceRatePct)) {
        return `row ${i}: Warren ${JSON.stringify(w)}, baseline ${JSON.stringify(b)}`;
      }
    }
    return null;
  }
  return `Warren answered a ${warren.kind} answer, the baseline a ${baseline.kind} one`;
}

/** A one-line picture of an answer, to show the data is shaped as intended. */
export function summarize(answer: Answer): string {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  if (answer.kind === 'overview') {
    return `${n(answer.visitors)} visitors, ${n(answer.views)} views, ${n(answer.sessions)} sessions, ${answer.durationS.toFixed(1)} s per session, bounce rate ${answer.bounceRatePct.toFixed(1)} %`;
  }
  return answer.rows
    .slice(0, 3)
    .map((r) => `${r.path} ${n(r.visitors)} visitors / ${n(r.views)} views${r.bounceRatePct === null ? '' : ` / ${r.bounceRatePct.toFixed(1)} % bounce`}`)
    .join('; ');
}
