import type { HCTE, HConstant, HExpr, HJoinExpr, HOrderExpr, HQuery, HSelectQuery } from './hogql-ast.js';

/**
 * Prints HogQL back as HogQL text: the response's column names (`count()`, `properties.$browser`) and its `hogql`.
 * Informational only; never executed.
 * @example printHogQL(hCall('count')) // => 'count()'
 */
export function printHogQL(node: HExpr | HOrderExpr): string {
  switch (node.node) {
    case 'Constant':
      return printConstant(node);
    case 'Field':
      return node.chain.map((part) => (part === '*' || typeof part === 'number' ? String(part) : identifier(part))).join('.');
    case 'Call': {
      const params = node.params?.length ? `(${list(node.params)})` : '';
      const filter = node.filter_expr ? ` FILTER (WHERE ${printHogQL(node.filter_expr)})` : '';
      return `${node.name}${params}(${node.distinct ? 'DISTINCT ' : ''}${list(node.args)})${filter}`;
    }
    case 'Alias':
      return `${printHogQL(node.expr)} AS ${identifier(node.alias)}`;
    case 'CompareOperation':
      return `${operand(node.left, node)} ${node.op === '==' ? '=' : node.op.toUpperCase()} ${operand(node.right, node, true)}`;
    case 'ArithmeticOperation':
      return `${operand(node.left, node)} ${node.op} ${operand(node.right, node, true)}`;
    case 'And':
    case 'Or':
      return node.exprs.map((e) => operand(e, node)).join(node.node === 'And' ? ' AND ' : ' OR ');
    case 'Not':
      return `NOT ${operand(node.expr, node)}`;
    case 'BetweenExpr':
      return `${operand(node.expr, node)} ${node.negated ? 'NOT ' : ''}BETWEEN ${operand(node.low, node, true)} AND ${operand(node.high, node, true)}`;
    case 'ArrayAccess':
      return `${operand(node.array)}[${printHogQL(node.property)}]`;
    case 'TupleAccess':
      return `${operand(node.tuple)}.${node.index}`;
    case 'Array':
      return `[${list(node.exprs)}]`;
    case 'Tuple':
      return node.exprs.length === 1 ? `tuple(${list(node.exprs)})` : `(${list(node.exprs)})`;
    case 'Lambda':
      return `${node.args.length === 1 ? identifier(node.args[0]) : `(${node.args.map(identifier).join(', ')})`} -> ${printHogQL(node.expr)}`;
    case 'TypeCast':
      return `${operand(node.expr, node)}::${node.type_name}`;
    case 'Placeholder':
      return `{${printHogQL(node.expr)}}`;
    case 'OrderExpr':
      return `${printHogQL(node.expr)} ${node.order}`;
    case 'SelectQuery':
    case 'SelectSetQuery':
      return printQuery(node);
    default:
      return `<${(node as { node: string }).node}>`;
  }
}

function printQuery(node: HQuery): string {
  if (node.node === 'SelectSetQuery') {
    const member = (q: HQuery) => (q.node === 'SelectSetQuery' ? `(${printQuery(q)})` : printQuery(q));
    const parts = [member(node.initial_select_query)];
    for (const next of node.subsequent_select_queries) parts.push(next.set_operator, member(next.select_query));
    return [parts.join(' '), ...limitClauses(node.limit, node.offset)].join(' ');
  }
  return printSelect(node);
}

function printSelect(node: HSelectQuery): string {
  const parts: string[] = [];
  if (node.ctes?.length) parts.push(`WITH ${node.ctes.map(printCte).join(', ')}`);
  parts.push(`SELECT ${node.distinct ? 'DISTINCT ' : ''}${list(node.select)}`);
  if (node.select_from) parts.push(`FROM ${printJoin(node.select_from, true)}`);
  if (node.where) parts.push(`WHERE ${printHogQL(node.where)}`);
  if (node.group_by?.length) parts.push(`GROUP BY ${list(node.group_by)}`);
  if (node.having) parts.push(`HAVING ${printHogQL(node.having)}`);
  if (node.order_by?.length) parts.push(`ORDER BY ${node.order_by.map(printHogQL).join(', ')}`);
  return [...parts, ...limitClauses(node.limit, node.offset)].join(' ');
}

function printCte(cte: HCTE): string {
  return cte.cte_type === 'column'
    ? `${printHogQL(cte.expr)} AS ${identifier(cte.name)}`
    : `${identifier(cte.name)} AS (${printHogQL(cte.expr)})`;
}

function printJoin(join: HJoinExpr, first: boolean): string {
  const table = join.table.node === 'Field' ? printHogQL(join.table) : `(${printHogQL(join.table)})`;
  const head = first ? table : `${join.join_type ?? 'JOIN'} ${table}`;
  const alias = join.alias ? ` AS ${identifier(join.alias)}` : '';
  const constraint = join.constraint
    ? ` ${join.constraint.constraint_type} ${printHogQL(join.constraint.expr)}`
    : '';
  const next = join.next_join ? ` ${printJoin(join.next_join, false)}` : '';
  return `${head}${alias}${constraint}${next}`;
}

function limitClauses(limit: HExpr | null | undefined, offset: HExpr | null | undefined): string[] {
  const parts: string[] = [];
  if (limit) parts.push(`LIMIT ${printHogQL(limit)}`);
  if (offset) parts.push(`OFFSET ${printHogQL(offset)}`);
  return parts;
}

function printConstant(node: HConstant): string {
  const { value } = node;
  if (value === null) return 'NULL';
  if (value instanceof Date) return `toDateTime(${quote(value.toISOString())})`;
  if (typeof value === 'string' && node.value_type !== 'number') return quote(value);
  return String(value);
}

/** Binding strength, loosest first, so operands get parentheses only where HogQL needs them. */
function precedence(node: HExpr): number {
  switch (node.node) {
    case 'Or':
      return 1;
    case 'And':
      return 2;
    case 'Not':
      return 3;
    case 'CompareOperation':
    case 'BetweenExpr':
      return 4;
    case 'ArithmeticOperation':
      return node.op === '+' || node.op === '-' ? 5 : 6;
    case 'Lambda':
    case 'Alias':
    case 'SelectQuery':
    case 'SelectSetQuery':
      return 0;
    default:
      return 10;
  }
}

/** Prints a child of `parent`; a right-hand child of equal strength is parenthesised (`a - (b - c)`). */
function operand(node: HExpr, parent?: HExpr, right = false): string {
  const text = printHogQL(node);
  const outer = parent ? precedence(parent) : 10;
  const inner = precedence(node);
  return inner < outer || (right && inner === outer) || inner === 0 ? `(${text})` : text;
}

function list(nodes: readonly HExpr[]): string {
  return nodes.map(printHogQL).join(', ');
}

function identifier(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

function quote(text: string): string {
  const escaped = text.replace(/[\\'\n\r\t\0]/g, (c) => ({ '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' })[c] ?? `\\${c}`);
  return `'${escaped}'`;
}
