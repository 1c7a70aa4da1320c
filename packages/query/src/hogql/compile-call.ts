import type { Call, Expr } from '../sql/ast.js';
import { call, constant } from '../sql/build.js';
import { findHogQLFunction, type HogQLFunction } from './functions.js';
import type { HCall, HExpr } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';

type Compile = (node: HExpr) => Expr;
type Special = (args: Expr[], timezone: Expr) => Expr;

const now = (tz: Expr) => call('now64', constant(6), tz);

/** Calls that are not a plain rename: they evaluate in the project timezone or mirror PostHog's semantics. */
const SPECIALS: Record<string, { arity: [number, number]; build: Special }> = {
  now: { arity: [0, 1], build: (args, tz) => now(args[0] ?? tz) },
  current_timestamp: { arity: [0, 0], build: (_, tz) => now(tz) },
  today: { arity: [0, 0], build: (_, tz) => call('toDate', now(tz), tz) },
  current_date: { arity: [0, 0], build: (_, tz) => call('toDate', now(tz), tz) },
  yesterday: { arity: [0, 0], build: (_, tz) => call('subtractDays', call('toDate', now(tz), tz), constant(1)) },
  toint: { arity: [1, 1], build: ([x]) => call('accurateCastOrNull', x, constant('Int64')) },
  tofloat: { arity: [1, 1], build: ([x]) => call('accurateCastOrNull', x, constant('Float64')) },
  _casewithexpression: { arity: [3, 1000], build: caseWithExpression },
};

/**
 * A HogQL function call through the allowlist: arity checked, renamed to its ClickHouse name, the project timezone
 * appended where the function takes one, `agg(x) FILTER (WHERE c)` turned into `aggIf(x, c)`.
 * @example compileCall(parse('toStartOfDay(timestamp)'), tz, compile) // toStartOfDay(toTimeZone(…), {p0:String})
 */
export function compileCall(node: HCall, timezone: string, compile: Compile): Expr {
  if (node.order_by) throw new HogQLError('unsupported', `ORDER BY inside ${node.name}() is not supported`, node);
  const tz = constant(timezone);
  const key = node.name.toLowerCase();
  const special = Object.hasOwn(SPECIALS, key) ? SPECIALS[key] : undefined;
  if (special) {
    assertArity(node, node.args.length, special.arity[0], special.arity[1]);
    if (node.params?.length || node.distinct || node.filter_expr) throw unsupported(node);
    return special.build(node.args.map(compile), tz);
  }
  const filtered = node.filter_expr ? [...node.args, node.filter_expr] : node.args;
  const fn = findHogQLFunction(node.filter_expr ? `${node.name}If` : node.name);
  if (!fn || (node.filter_expr && !fn.aggregate)) throw unsupported(node);
  // count(*) and count(*) FILTER (WHERE …) count rows: the star is not an argument.
  const countsRows = (fn.clickhouse === 'count' || fn.clickhouse === 'countIf') && isStar(filtered[0]);
  const args = countsRows ? filtered.slice(1) : filtered;
  assertArity(node, args.length, fn.minArgs, fn.maxArgs);
  if (node.distinct && !fn.aggregate) throw new HogQLError('unsupported', `DISTINCT in ${node.name}()`, node);
  const compiled: Expr[] = args.map(compile);
  if (fn.modeAt !== undefined && compiled.length > fn.modeAt) compiled[fn.modeAt] = modeConstant(compiled[fn.modeAt], node);
  if (fn.timezoneAt !== undefined && compiled.length === fn.timezoneAt) compiled.push(tz);
  return withParams(fn, node, compiled, compile);
}

function withParams(fn: HogQLFunction, node: HCall, args: Expr[], compile: Compile): Call {
  const params = node.params ?? [];
  const [min, max] = fn.params ?? [0, 0];
  if (params.length < min || params.length > max) {
    throw new HogQLError('unsupported', `${node.name}() takes ${min}–${max} parameters, got ${params.length}`, node);
  }
  const result: Call = { kind: 'call', name: fn.clickhouse, args };
  if (params.length > 0) result.params = params.map(compile);
  if (node.distinct) result.distinct = true;
  return result;
}

/** ClickHouse takes week modes only as UInt8 constants (0–9). */
function modeConstant(arg: Expr, node: HCall): Expr {
  if (arg.kind !== 'constant' || typeof arg.value !== 'number' || !Number.isInteger(arg.value) || arg.value < 0 || arg.value > 9) {
    throw new HogQLError('unsupported', `${node.name}() takes its mode as an integer constant from 0 to 9`, node);
  }
  return constant(arg.value, 'UInt8');
}

function caseWithExpression(args: Expr[]): Expr {
  const [subject, ...rest] = args;
  const otherwise = rest.length % 2 === 1 ? rest.pop() : undefined;
  const branches: { when: Expr; then: Expr }[] = [];
  for (let i = 0; i < rest.length; i += 2) branches.push({ when: rest[i], then: rest[i + 1] });
  return otherwise ? { kind: 'case', subject, branches, else: otherwise } : { kind: 'case', subject, branches };
}

function assertArity(node: HCall, count: number, min: number, max: number): void {
  if (count < min || count > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new HogQLError('unsupported', `${node.name}() takes ${expected} arguments, got ${count}`, node);
  }
}

function isStar(node: HExpr | undefined): boolean {
  return node?.node === 'Field' && node.chain.length === 1 && node.chain[0] === '*';
}

function unsupported(node: HCall): HogQLError {
  return new HogQLError('unsupported', `Unsupported function: ${node.name}`, node);
}
