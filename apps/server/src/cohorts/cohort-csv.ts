import { parse } from 'csv-parse/sync';
import { validationError } from '../platform/app-error.js';

/** The people a static cohort's CSV names, by the kind of identifier its header says (or distinct ids). */
export interface CsvPeople {
  /** Tried as distinct ids first, then as person UUIDs and emails when they look like them. */
  identifiers: string[];
  /** From a `person_id` column: person UUIDs only. */
  personIds: string[];
  /** From an `email` column: the person property `email`. */
  emails: string[];
}

const MAX_ROWS = 1_000_000;
const MAX_VALUE = 400;

/**
 * Reads an uploaded CSV as PostHog's static cohort upload does: one person per row, in the first column, or in the
 * column a header names (`person_id`, `distinct_id`, `email`; other header cells are ignored). Blank cells are
 * skipped and values are deduplicated. Example: parseCohortCsv('distinct_id\nu1\nu2\n').identifiers // ['u1', 'u2']
 */
export function parseCohortCsv(content: Buffer | string): CsvPeople {
  let rows: string[][];
  try {
    rows = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 1_000_000 }) as string[][];
  } catch (error) {
    throw validationError(`The CSV could not be read: ${error instanceof Error ? error.message.slice(0, 200) : 'bad file'}`, 'csv');
  }
  if (rows.length > MAX_ROWS + 1) throw validationError(`A static cohort upload takes at most ${MAX_ROWS} rows.`, 'csv');
  const header = (rows[0] ?? []).map((cell) => cell.toLowerCase());
  const column = (name: string) => header.indexOf(name);
  const kind = column('person_id') >= 0 ? 'person_id' : column('distinct_id') >= 0 ? 'distinct_id' : column('email') >= 0 ? 'email' : null;
  const index = kind === null ? 0 : column(kind);
  const values = [...new Set((kind === null ? rows : rows.slice(1)).map((row) => (row[index] ?? '').trim()).filter((v) => v !== ''))];
  if (values.some((v) => v.length > MAX_VALUE)) throw validationError(`Identifiers in the CSV are at most ${MAX_VALUE} characters long.`, 'csv');
  return {
    identifiers: kind === null || kind === 'distinct_id' ? values : [],
    personIds: kind === 'person_id' ? values.map((v) => v.toLowerCase()) : [],
    emails: kind === 'email' ? values : [],
  };
}
