/** The progress lines the question benchmarks (bench:query, bench:web) write to stderr while they measure. */
import type { Side } from './alternating-runs.js';

interface PlannedStatements {
  statements: { sql: string; params: unknown }[];
}

/**
 * A bench's progress log: plain lines, Warren's SQL for a question (`BENCH_SHOW_SQL=1`), and each question's
 * outcome. Example: questionLog('bench:web', 'raw SQL').log('generating...').
 */
export function questionLog(bench: string, baselineName: string) {
  const log = (line: string): void => void process.stderr.write(`[${bench}] ${line}\n`);
  const side = (name: string, s: Side<unknown>) => (s.kind === 'measured' ? `${name} ${s.medianMs.toFixed(1)} ms` : `${name} ${s.kind}: ${s.message.split('\n')[0].slice(0, 200)}`);
  return {
    log,
    async showSql(plan: () => Promise<PlannedStatements>): Promise<void> {
      try {
        for (const statement of (await plan()).statements) log(`  Warren SQL: ${statement.sql}\n  params: ${JSON.stringify(statement.params)}`);
      } catch (error) {
        log(`  Warren SQL: none (${error instanceof Error ? error.message : String(error)})`);
      }
    },
    logOutcome(o: { warren: Side<unknown>; baseline: Side<unknown>; difference?: string | null }): void {
      log(`  ${side('Warren', o.warren)}; ${side(baselineName, o.baseline)}`);
      if (typeof o.difference === 'string') log(`  !!! MISMATCH: ${o.difference}`);
    },
  };
}
