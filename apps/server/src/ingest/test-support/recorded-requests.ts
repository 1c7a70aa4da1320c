import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the requests recorded from the official SDKs live (see that folder's README). */
export const FIXTURES_DIR =
  process.env.WARREN_SDK_FIXTURES ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/fixtures/sdk');

/** One recorded request, as the fixture files store it. */
export interface RecordedRequest {
  seq: number;
  step: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  all_headers: Record<string, string>;
  body_base64: string;
  body: unknown;
}

/**
 * Every recorded request of every fixture file, in file order. Used by the decode unit test and by the black-box
 * replay against a running server. Example: loadRecordedRequests().filter(({ record }) => record.path === '/batch/').
 */
export function loadRecordedRequests(): Array<{ file: string; record: RecordedRequest }> {
  const files = readdirSync(FIXTURES_DIR).filter((name) => name.endsWith('.jsonl')).sort();
  return files.flatMap((file) =>
    readFileSync(join(FIXTURES_DIR, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => ({ file, record: JSON.parse(line) as RecordedRequest })),
  );
}
