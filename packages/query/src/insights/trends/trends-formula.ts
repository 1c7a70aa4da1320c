import { HogQLError } from '../../hogql/hogql-error.js';

/**
 * A parsed trends formula: arithmetic over series letters (A = first series) and numbers. Formulas are user text, so
 * they are parsed here by a tiny grammar and evaluated in JS; they never reach SQL.
 */
export type FormulaNode =
  | { kind: 'number'; value: number }
  | { kind: 'series'; index: number }
  | { kind: 'unary'; op: '-' | '+'; operand: FormulaNode }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '%' | '**'; left: FormulaNode; right: FormulaNode };

const MAX_FORMULA_LENGTH = 1000;
const MAX_DEPTH = 100;

type Token = { type: 'number'; value: number } | { type: 'name'; value: string } | { type: 'op'; value: string };

/**
 * Parses a formula such as `(A + B) / 2` (letters are case-insensitive, as in PostHog) and checks that every letter
 * names one of `seriesCount` series. Throws HogQLError('syntax_error') with a message fit for the user.
 * @example parseFormula('A / B * 100', 2) // { kind: 'binary', op: '*', … }
 */
export function parseFormula(text: string, seriesCount: number): FormulaNode {
  if (typeof text !== 'string' || text.trim() === '') throw syntax('A formula cannot be empty');
  if (text.length > MAX_FORMULA_LENGTH) throw syntax(`A formula is at most ${MAX_FORMULA_LENGTH} characters`);
  const parser = new Parser(tokenize(text), seriesCount);
  const node = parser.expression(0);
  if (!parser.done()) throw syntax(`Unexpected ${parser.describeNext()} in formula`);
  return node;
}

/**
 * Evaluates a formula for one bucket: `values[i]` is series i's value. Division or modulo by zero gives 0, as does
 * any result that is not a finite number (so responses stay valid JSON).
 * @example evaluateFormula(parseFormula('A/B', 2), [1, 0]) // => 0
 */
export function evaluateFormula(node: FormulaNode, values: readonly number[]): number {
  const result = evaluate(node, values);
  return Number.isFinite(result) ? result : 0;
}

/**
 * Applies a formula bucket by bucket to equally long series.
 * @example formulaSeries(parseFormula('A+B', 2), [[1, 2], [3, 4]]) // => [4, 6]
 */
export function formulaSeries(node: FormulaNode, series: readonly (readonly number[])[]): number[] {
  const length = Math.max(0, ...series.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < length; i++) out.push(evaluateFormula(node, series.map((s) => s[i] ?? 0)));
  return out;
}

function evaluate(node: FormulaNode, values: readonly number[]): number {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'series':
      return values[node.index] ?? 0;
    case 'unary': {
      const operand = evaluate(node.operand, values);
      return node.op === '-' ? -operand : operand;
    }
    case 'binary':
      return binary(node.op, evaluate(node.left, values), evaluate(node.right, values));
  }
}

function binary(op: string, left: number, right: number): number {
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return right === 0 ? 0 : left / right;
    case '%':
      // Python's modulo, which PostHog's formulas use: the result takes the divisor's sign.
      return right === 0 ? 0 : left - Math.floor(left / right) * right;
    default:
      return left === 0 && right < 0 ? 0 : left ** right;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|[-+*/%()]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw syntax(`Formulas only support arithmetic ( + - * / % ** ) between series; unexpected ${JSON.stringify(text.slice(at).trim()[0])}`);
    at = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ type: 'number', value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ type: 'name', value: match[2] });
    else tokens.push({ type: 'op', value: match[3] });
  }
  return tokens;
}

// Precedence climbing with Python's levels: + - < * / % < unary + - < ** (right-associative, binds tighter than a
// unary minus on its left: -2**2 = -4).
const BINARY: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '%': 2 };

class Parser {
  private at = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly seriesCount: number,
  ) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  describeNext(): string {
    const token = this.tokens[this.at];
    return token ? JSON.stringify(String(token.value)) : 'end';
  }

  expression(minPrecedence: number): FormulaNode {
    let left = this.unary();
    for (;;) {
      const token = this.tokens[this.at];
      const precedence = token?.type === 'op' ? BINARY[token.value] : undefined;
      if (precedence === undefined || precedence <= minPrecedence) return left;
      this.at++;
      const right = this.expression(precedence);
      left = { kind: 'binary', op: token.value as '+', left, right };
    }
  }

  private unary(): FormulaNode {
    const token = this.tokens[this.at];
    if (token?.type === 'op' && (token.value === '-' || token.value === '+')) {
      this.at++;
      return this.nested(() => ({ kind: 'unary', op: token.value as '-', operand: this.unary() }));
    }
    return this.power();
  }

  private power(): FormulaNode {
    const base = this.primary();
    const token = this.tokens[this.at];
    if (token?.type === 'op' && token.value === '**') {
      this.at++;
      return this.nested(() => ({ kind: 'binary', op: '**', left: base, right: this.unary() }));
    }
    return base;
  }

  private primary(): FormulaNode {
    const token = this.tokens[this.at++];
    if (!token) throw syntax('The formula ends too early');
    if (token.type === 'number') return { kind: 'number', value: token.value };
    if (token.type === 'name') return this.series(token.value);
    if (token.value === '(') {
      const inner = this.nested(() => this.expression(0));
      const close = this.tokens[this.at++];
      if (close?.type !== 'op' || close.value !== ')') throw syntax('A parenthesis is not closed in the formula');
      return inner;
    }
    throw syntax(`Unexpected ${JSON.stringify(token.value)} in formula`);
  }

  private series(name: string): FormulaNode {
    const letter = name.toLowerCase();
    const index = letter.length === 1 ? letter.charCodeAt(0) - 97 : -1;
    if (this.tokens[this.at]?.type === 'op' && this.tokens[this.at].value === '(') {
      throw syntax(`Formulas only support arithmetic between series (like (A + B) / 2), not ${name.slice(0, 20).toUpperCase()}()`);
    }
    if (index < 0 || index >= this.seriesCount) {
      const available = Array.from({ length: Math.min(this.seriesCount, 26) }, (_, i) => String.fromCharCode(65 + i));
      throw syntax(
        `Formula references series ${name.slice(0, 20).toUpperCase()}, but only ${this.seriesCount} ${this.seriesCount === 1 ? 'series is' : 'series are'} defined (${available.join(', ') || 'none'})`,
      );
    }
    return { kind: 'series', index };
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw syntax('The formula is nested too deeply');
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }
}

function syntax(detail: string): HogQLError {
  return new HogQLError('syntax_error', detail);
}
