import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { containsPattern } from '../storage/like-pattern.js';

/**
 * PostHog's term search on a name: every whitespace-separated word must appear in it, case-insensitively, with LIKE
 * wildcards in the words taken literally. Example: nameMatches(eb, 'name', 'sign up') matches `Sign Up Clicked`
 * and `signup`, not `login`.
 */
export function nameMatches<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: string, search: string): Expression<SqlBool> {
  const words = search.trim().split(/\s+/).filter((w) => w !== '').slice(0, 10);
  if (words.length === 0) return sql<SqlBool>`1 = 1`;
  return eb.and(words.map((word) => sql<SqlBool>`lower(${sql.ref(column)}) like ${containsPattern(word.toLowerCase())} escape '\\'`));
}

/** A JSON array of strings from a query parameter (`["a","b"]`) or a comma-separated list; null when malformed. */
export function stringList(raw: string | undefined): string[] | null {
  if (raw === undefined || raw.trim() === '') return [];
  const text = raw.trim();
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!Array.isArray(parsed) || parsed.some((v) => typeof v !== 'string')) return null;
      return (parsed as string[]).slice(0, 1000);
    } catch {
      return null;
    }
  }
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '').slice(0, 1000);
}
