import type { Constant, Expr } from '../sql/ast.js';
import { call, constant } from '../sql/build.js';
import { compileCall } from './compile-call.js';
import { compileArithmetic, compileBetween, compileCompare, compileTypeCast } from './compile-operators.js';
import type { HAlias, HConstant, HExpr, HField, HLambda } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';
import { isReservedAlias } from './lazy-joins.js';
import { jsonPath, resolveField, type Resolved } from './resolve-field.js';
import type { Scope } from './scope.js';

/**
 * Compiles one HogQL expression to the SQL AST, resolving names in `scope`. Unknown node kinds are refused.
 * @example compileExpr(await parseHogQLExpr('count()'), scope) // { kind: 'call', name: 'count', args: [] }
 */
export function compileExpr(node: HExpr, scope: Scope): Expr {
  const compile = (child: HExpr) => compileExpr(child, scope);
  switch (node.node) {
    case 'Constant':
      return compileConstant(node);
    case 'Field':
    case 'ArrayAccess':
      return compileResolved(node, scope).expr;
    case 'TupleAccess':
      return call('tupleElement', compile(node.tuple), constant(node.index));
    case 'Call':
      return compileCall(node, scope.timezone, compile);
    case 'Alias':
      return compileAlias(node, scope);
    case 'CompareOperation':
      return compileCompare(node, compile);
    case 'ArithmeticOperation':
      return compileArithmetic(node, compile);
    case 'And':
    case 'Or':
      return logical(node.node === 'And' ? 'and' : 'or', node.exprs.map(compile));
    case 'Not':
      return call('not', compile(node.expr));
    case 'BetweenExpr':
      return compileBetween(node, compile);
    case 'TypeCast':
      return compileTypeCast(node, compile);
    case 'Array':
      return { kind: 'array', items: node.exprs.map(compile) };
    case 'Tuple':
      return { kind: 'tuple', items: node.exprs.map(compile) };
    case 'Lambda':
      return compileLambda(node, scope);
    case 'SelectQuery':
    case 'SelectSetQuery':
      return { kind: 'subquery', query: scope.compileQuery(node, scope).query };
    case 'Placeholder':
      throw new HogQLError('resolution_error', 'Unresolved placeholder', node);
    default:
      throw new HogQLError('unsupported', `Unsupported syntax: ${(node as { node: string }).node}`, node);
  }
}

/**
 * Like compileExpr, but keeps property-path information so `properties['a'].b` reads one nested JSON value.
 * @example compileResolved(parse("properties['$browser']"), scope).json // { base: events.properties, keys: ['$browser'] }
 */
export function compileResolved(node: HExpr, scope: Scope): Resolved {
  if (node.node === 'Field') return compileField(node, scope);
  if (node.node !== 'ArrayAccess') return { expr: compileExpr(node, scope) };
  const inner = compileResolved(node.array, scope);
  const key = node.property.node === 'Constant' ? node.property.value : undefined;
  if (inner.json && (typeof key === 'string' || Number.isSafeInteger(key))) {
    return jsonPath(inner.json.base, [...inner.json.keys, key as string | number]);
  }
  return { expr: call('arrayElement', inner.expr, compileExpr(node.property, scope)) };
}

function compileField(node: HField, scope: Scope): Resolved {
  const { chain } = node;
  if (chain[chain.length - 1] === '*') {
    throw new HogQLError('unsupported', '* is only allowed in the SELECT list and in count(*)', node);
  }
  const [head] = chain;
  if (chain.length === 1 && typeof head === 'string' && !scope.lambdaArgs.has(head)) {
    const cte = scope.columnCtes.get(head);
    if (cte) return { expr: compileExpr(cte, { ...scope, columnCtes: withoutKey(scope.columnCtes, head) }) };
  }
  return resolveField(chain, scope, node);
}

function compileConstant(node: HConstant): Constant {
  const { value } = node;
  if (node.value_type === 'number' && typeof value === 'string') return constant(parseNumberText(value, node));
  if (value === null || value instanceof Date || ['string', 'number', 'boolean'].includes(typeof value)) {
    return constant(value);
  }
  throw new HogQLError('unsupported', 'Unsupported constant', node);
}

function parseNumberText(text: string, node: HConstant): number | bigint {
  if (text === 'NaN') return Number.NaN;
  if (/^-?Infinity$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^-?\d+$/.test(text)) {
    const value = BigInt(text);
    if (value < -(2n ** 63n) || value > 2n ** 64n - 1n) {
      throw new HogQLError('unsupported', 'Integer out of the 64-bit range', node);
    }
    return value;
  }
  const number = Number(text);
  if (Number.isNaN(number)) throw new HogQLError('unsupported', `Unsupported number: ${text}`, node);
  return number;
}

function compileAlias(node: HAlias, scope: Scope): Expr {
  if (!node.alias || isReservedAlias(node.alias)) {
    throw new HogQLError('resolution_error', `Alias not allowed: ${node.alias}`, node);
  }
  return { kind: 'alias', expr: compileExpr(node.expr, scope), alias: node.alias };
}

function compileLambda(node: HLambda, scope: Scope): Expr {
  const lambdaArgs = new Set([...scope.lambdaArgs, ...node.args]);
  return { kind: 'lambda', args: node.args, body: compileExpr(node.expr, { ...scope, lambdaArgs }) };
}

function logical(name: 'and' | 'or', exprs: Expr[]): Expr {
  if (exprs.length === 0) throw new HogQLError('syntax_error', `Empty ${name.toUpperCase()}`);
  return exprs.length === 1 ? exprs[0] : call(name, ...exprs);
}

function withoutKey<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}
