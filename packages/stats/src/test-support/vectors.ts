// Loads the independent expected figures (vectors/*.json, written by vectors/generate.py) and compares numbers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** Parsed contents of packages/stats/vectors/<name>. */
export function loadVectors<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../vectors/${name}`, import.meta.url), 'utf8')) as T;
}

/** Asserts |actual − expected| ≤ tolerance (absolute), naming the figure on failure. */
export function assertClose(actual: number, expected: number, tolerance: number, label: string): void {
  const gap = Math.abs(actual - expected);
  assert.ok(gap <= tolerance, `${label}: got ${actual}, expected ${expected} (gap ${gap} > ${tolerance})`);
}
