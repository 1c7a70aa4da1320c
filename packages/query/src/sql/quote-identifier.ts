const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '`': '\\`',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
  '\x07': '\\a',
};

/**
 * The one place an identifier (table, column, alias, lambda argument) becomes SQL text: always backtick-quoted,
 * with backslash escapes for backticks, backslashes and control characters.
 * @example quoteIdentifier('$browser') // => '`$browser`'
 */
export function quoteIdentifier(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new Error('Identifier must be a non-empty string');
  const escaped = name.replace(/[\\`\x00-\x1f\x7f]/g, (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `\`${escaped}\``;
}
