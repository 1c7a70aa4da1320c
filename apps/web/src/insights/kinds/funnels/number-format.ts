/*
 * Number formatting shared by the funnels, retention and paths views (one place, so "66.7%" reads the same in a
 * funnel step and a retention cell).
 */

/**
 * A ratio (0–1) as a percentage with at most one decimal, trailing zeros dropped; "–" for no ratio.
 * Example: formatPercent(2 / 3) -> '66.7%'; formatPercent(1) -> '100%'; formatPercent(null) -> '–'
 */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  const tenths = Math.round(ratio * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

/** A count with thousands separators. Example: formatCount(12345) -> '12,345' */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** `n thing` or `n things`. Example: plural(1, 'person') -> '1 person'; plural(2, 'person', 'people') -> '2 people' */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/**
 * Seconds as the two largest units, rounded down. Example: formatDuration(3723) -> '1h 2m'; formatDuration(45) -> '45s';
 * formatDuration(0) -> '0s'; formatDuration(null) -> '–'
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  let rest = Math.max(0, Math.round(seconds));
  if (rest === 0) return '0s';
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  for (const [name, size] of units) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 || parts.length > 0) parts.push(`${amount}${name}`);
    if (parts.length === 2) break;
  }
  // '1h 0m' reads worse than '1h'.
  return parts.filter((part, i) => i === 0 || !/^0[a-z]$/.test(part)).join(' ');
}
