import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteMetaDb } from '../storage/open-meta-db.js';
import { KyselyPersonRepository } from './kysely-person-repository.js';
import { personRepositoryConformance } from './person-repository.conformance.js';

personRepositoryConformance('SQLite', async () => {
  const db = await openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'persons-sqlite-')));
  return new KyselyPersonRepository(db);
});
