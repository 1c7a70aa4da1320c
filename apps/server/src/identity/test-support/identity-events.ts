/** What the identity step's int tests feed it: events as ingest hands them over, and a processor on a fresh store. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toIngestEntry, type IdentityEvent } from '../../ingest/ingest-record.js';
import type { JsonObject } from '../../ingest/types.js';
import { openSqliteMetaDb } from '../../storage/open-meta-db.js';
import { KyselyIdentityStores } from '../identity-stores.js';
import { IdentityProcessor } from '../identity-processor.js';
import { KyselyPersonRepository } from '../kysely-person-repository.js';

let seq = 0;

/**
 * An event as the identity step receives it (normalized for project 1, then made an ingest entry), its uuid numbered
 * in call order so each is its own.
 */
export function identityEvent(event: string, distinctId: string, properties: JsonObject = {}, at = '2024-05-01T12:00:00.000Z'): IdentityEvent {
  return ingestEntry(event, distinctId, properties, at).identity;
}

/** The same event as ingest hands it to the pipeline: its identity summary and its row text. */
export function ingestEntry(event: string, distinctId: string, properties: JsonObject = {}, at = '2024-05-01T12:00:00.000Z'): { identity: IdentityEvent; row: string } {
  seq += 1;
  const normalized = {
    teamId: 1,
    uuid: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    event,
    distinctId,
    timestamp: at,
    createdAt: at,
    properties: Object.assign(Object.create(null), properties),
    elementsChain: '',
    sessionId: '',
    windowId: '',
  };
  return toIngestEntry(normalized, JSON.stringify(properties));
}

/** The identity step over a fresh SQLite meta store, and the persons it writes. */
export async function openIdentityProcessor(): Promise<{ persons: KyselyPersonRepository; processor: IdentityProcessor }> {
  const db = await openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'identity-')));
  return { persons: new KyselyPersonRepository(db), processor: new IdentityProcessor(new KyselyIdentityStores(db)) };
}
