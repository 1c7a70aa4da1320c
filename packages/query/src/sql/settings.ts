import type { QuerySettings } from './ast.js';

type SettingRule = (value: unknown) => boolean;

const nonNegativeInteger: SettingRule = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

const RULES: Record<keyof QuerySettings, SettingRule> = {
  // Only ever tightened: 1 also refuses table functions, 2 allows changing settings.
  readonly: (v) => v === 1 || v === 2,
  max_execution_time: nonNegativeInteger,
  max_result_rows: nonNegativeInteger,
  result_overflow_mode: (v) => v === 'throw' || v === 'break',
  max_memory_usage: nonNegativeInteger,
  max_rows_to_read: nonNegativeInteger,
  query_plan_join_swap_table: (v) => v === 'false' || v === 'true' || v === 'auto',
  query_plan_merge_expressions: (v) => v === 0 || v === 1,
};

/**
 * Prints a SETTINGS clause body. Names and values are allowlisted tokens, never bound: ClickHouse does not take
 * query parameters in SETTINGS, so each value is checked against its rule before it becomes text.
 * @example printSettings({ readonly: 1, max_execution_time: 10 }) // => 'readonly=1, max_execution_time=10'
 */
export function printSettings(settings: QuerySettings): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    const rule = (RULES as Record<string, SettingRule | undefined>)[name];
    if (!rule) throw new Error(`Setting not allowed: ${name}`);
    if (!rule(value)) throw new Error(`Invalid value for setting ${name}`);
    parts.push(typeof value === 'string' ? `${name}='${value}'` : `${name}=${value}`);
  }
  return parts.join(', ');
}
