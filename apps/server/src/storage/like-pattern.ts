/**
 * `%text%` for SQL `LIKE … ESCAPE '\'` (SQLite, PostgreSQL) and ClickHouse's `like`/`ilike` (whose escape is `\`):
 * `%`, `_` and `\` in the text match themselves, as PostHog's `icontains` does. Case is the caller's: lower-case
 * both sides for a case-insensitive match.
 * @example containsPattern('50%_off') === '%50\\%\\_off%'
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}
