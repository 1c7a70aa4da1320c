import type { Expr } from '../sql/ast.js';
import { call, constant } from '../sql/build.js';
import type {
  HArithmeticOperation,
  HBetweenExpr,
  HCompareOperation,
  HExpr,
  HTypeCast,
} from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';

type Compile = (node: HExpr) => Expr;

const COMPARISONS: Record<string, string> = {
  '==': 'equals',
  '!=': 'notEquals',
  '<': 'less',
  '<=': 'lessOrEquals',
  '>': 'greater',
  '>=': 'greaterOrEquals',
  like: 'like',
  ilike: 'ilike',
  'not like': 'notLike',
  'not ilike': 'notILike',
  in: 'in',
  'not in': 'notIn',
};

const ARITHMETIC: Record<string, string> = { '+': 'plus', '-': 'minus', '*': 'multiply', '/': 'divide', '%': 'modulo' };

const CASTS: Record<string, string> = {
  string: 'toString',
  text: 'toString',
  varchar: 'toString',
  int: 'toInt64',
  integer: 'toInt64',
  int64: 'toInt64',
  bigint: 'toInt64',
  int32: 'toInt32',
  float: 'toFloat64',
  float64: 'toFloat64',
  double: 'toFloat64',
  bool: 'toBool',
  boolean: 'toBool',
  date: 'toDate',
  datetime: 'toDateTime',
  uuid: 'toUUID',
};

const isNullConstant = (node: HExpr) => node.node === 'Constant' && node.value === null;

/**
 * `a = b`, `a != NULL`, `a IN (…)`, `a =~ 'regex'`, … as ClickHouse function calls.
 * @example compileCompare(parse("event = 'x'"), compile) // equals(`events`.`event`, {p0:String})
 */
export function compileCompare(node: HCompareOperation, compile: Compile): Expr {
  const { op, left, right } = node;
  if ((op === '==' || op === '!=') && (isNullConstant(left) || isNullConstant(right))) {
    const operand = compile(isNullConstant(left) ? right : left);
    return call(op === '==' ? 'isNull' : 'isNotNull', operand);
  }
  const l = compile(left);
  const r = compile(right);
  if (op === '=~') return call('match', l, r);
  if (op === '!~') return call('not', call('match', l, r));
  if (op === '=~*') return call('match', l, call('concat', constant('(?i)'), r));
  if (op === '!~*') return call('not', call('match', l, call('concat', constant('(?i)'), r)));
  const fn = Object.hasOwn(COMPARISONS, op) ? COMPARISONS[op] : undefined;
  if (!fn) throw new HogQLError('unsupported', `Unsupported comparison: ${op}`, node);
  return call(fn, instantOperand(l, r), instantOperand(r, l));
}

/**
 * A timestamp compared with a bound instant (a `Date` constant) needs no timezone conversion: `toTimeZone` keeps the
 * instant, and the bare column lets ClickHouse prune partitions and use the `toDate(timestamp)` key. Text constants
 * keep the conversion, because ClickHouse parses them in the column's timezone.
 */
function instantOperand(side: Expr, other: Expr): Expr {
  const isDate = other.kind === 'constant' && other.value instanceof Date;
  if (isDate && side.kind === 'call' && side.name === 'toTimeZone' && side.args[0]?.kind === 'column') return side.args[0];
  return side;
}

/**
 * `a + b`, `a % b`, … as ClickHouse function calls.
 * @example compileArithmetic(parse('1 + 2'), compile) // plus({p0:Int64}, {p1:Int64})
 */
export function compileArithmetic(node: HArithmeticOperation, compile: Compile): Expr {
  const fn = Object.hasOwn(ARITHMETIC, node.op) ? ARITHMETIC[node.op] : undefined;
  if (!fn) throw new HogQLError('unsupported', `Unsupported operator: ${node.op}`, node);
  return call(fn, compile(node.left), compile(node.right));
}

/**
 * `x [NOT] BETWEEN low AND high`, inclusive.
 * @example compileBetween(parse('x BETWEEN 1 AND 2'), compile) // and(greaterOrEquals(x, 1), lessOrEquals(x, 2))
 */
export function compileBetween(node: HBetweenExpr, compile: Compile): Expr {
  const [value, low, high] = [compile(node.expr), compile(node.low), compile(node.high)];
  return node.negated
    ? call('or', call('less', value, low), call('greater', value, high))
    : call('and', call('greaterOrEquals', value, low), call('lessOrEquals', value, high));
}

/**
 * `x::type` through a fixed conversion function; other types are refused.
 * @example compileTypeCast(parse('x::int'), compile) // toInt64(x)
 */
export function compileTypeCast(node: HTypeCast, compile: Compile): Expr {
  const type = node.type_name.toLowerCase();
  const fn = Object.hasOwn(CASTS, type) ? CASTS[type] : undefined;
  if (!fn) throw new HogQLError('unsupported', `Unsupported cast to ${node.type_name}`, node);
  return call(fn, compile(node.expr));
}
