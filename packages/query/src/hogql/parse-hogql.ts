import createHogQLParser, { type HogQLParser } from '@posthog/hogql-parser';
import type { HExpr, HOrderExpr, HQuery } from './hogql-ast.js';
import { HogQLError, type SourcePosition } from './hogql-error.js';

const MAX_SOURCE_LENGTH = 100_000;

let parserPromise: Promise<HogQLParser> | undefined;

function parser(): Promise<HogQLParser> {
  // The WebAssembly module is compiled once per process; a failed load is retried on the next call.
  parserPromise ??= createHogQLParser().catch((error: unknown) => {
    parserPromise = undefined;
    throw error;
  });
  return parserPromise;
}

/**
 * Parses a HogQL SELECT (or UNION of SELECTs) with PostHog's own parser.
 * @example await parseHogQLSelect('SELECT event FROM events') // => { node: 'SelectQuery', … }
 */
export async function parseHogQLSelect(source: string): Promise<HQuery> {
  const ast = parseWith(source, (p) => p.parseSelect(source), await parser());
  if (ast.node !== 'SelectQuery' && ast.node !== 'SelectSetQuery') {
    throw new HogQLError('unsupported', 'Only SELECT queries are supported');
  }
  return ast as HQuery;
}

/**
 * Parses one HogQL expression.
 * @example await parseHogQLExpr("properties.$browser = 'Chrome'") // => { node: 'CompareOperation', … }
 */
export async function parseHogQLExpr(source: string): Promise<HExpr> {
  return parseWith(source, (p) => p.parseExpr(source), await parser()) as HExpr;
}

/**
 * Parses one ORDER BY item (`expr [ASC|DESC]`).
 * @example await parseHogQLOrderExpr('timestamp DESC') // => { node: 'OrderExpr', order: 'DESC', … }
 */
export async function parseHogQLOrderExpr(source: string): Promise<HOrderExpr> {
  const ast = parseWith(source, (p) => p.parseOrderExpr(source), await parser());
  if (ast.node !== 'OrderExpr') throw new HogQLError('syntax_error', `Expected an ORDER BY expression: ${source}`);
  return ast as unknown as HOrderExpr;
}

function parseWith(source: string, parse: (p: HogQLParser) => string, p: HogQLParser): { node: string } {
  if (typeof source !== 'string' || source.trim() === '') throw new HogQLError('syntax_error', 'Empty query');
  if (source.length > MAX_SOURCE_LENGTH) throw new HogQLError('unsupported', 'Query is too long');
  const result = JSON.parse(parse(p)) as ParserOutput;
  if ('error' in result && result.error) {
    const code = result.type === 'NotImplementedError' ? 'unsupported' : 'syntax_error';
    throw new HogQLError(code, result.message, {
      start: locate(source, result.start),
      end: locate(source, result.end),
    });
  }
  return result as { node: string };
}

type ParserOutput = { node: string; error?: undefined } | ParserError;

interface ParserError {
  error: true;
  type: string;
  message: string;
  start?: SourcePosition;
  end?: SourcePosition;
}

/** The parser reports errors by offset only; derive the 1-based line and 0-based column from the source. */
function locate(source: string, position: SourcePosition | undefined): SourcePosition | undefined {
  if (!position || typeof position.offset !== 'number') return undefined;
  const offset = Math.max(0, Math.min(position.offset, source.length));
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1);
  return { line, column, offset };
}
