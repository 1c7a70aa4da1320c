import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openSqliteMetaDb } from './open-meta-db.js';
import { prepareQuery } from './prepared-query.js';

test('a prepared shape binds each run its own values, in a transaction or not, and refuses an argument used as anything but a value', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warren-prepared-'));
  const db = await openSqliteMetaDb(dir);
  try {
    const insert = prepareQuery(db, (teamId: number, distinctId: string, personId: number) =>
      db
        .insertInto('person_distinct_ids')
        .values({ team_id: teamId, distinct_id: distinctId, person_id: personId, version: 0 })
        .onConflict((oc) => oc.columns(['team_id', 'distinct_id']).doUpdateSet({ person_id: personId, version: 7 })),
    );
    const byTeam = prepareQuery(db, (teamId: number) =>
      db.selectFrom('person_distinct_ids').select(['distinct_id', 'person_id', 'version']).where('team_id', '=', teamId).where('version', '>=', 0).orderBy('distinct_id'),
    );
    await insert(db, 1, 'a', 10);
    await insert(db, 2, 'b', 20);
    await db.transaction().execute(async (trx) => {
      await insert(trx, 1, 'c', 30);
      await insert(trx, 1, 'a', 11); // the conflict branch binds the same argument a second time
    });
    assert.deepEqual((await byTeam(db, 1)).rows, [
      { distinct_id: 'a', person_id: 11, version: 7 },
      { distinct_id: 'c', person_id: 30, version: 0 },
    ]);
    assert.deepEqual((await byTeam(db, 2)).rows, [{ distinct_id: 'b', person_id: 20, version: 0 }]);
    assert.deepEqual((await byTeam(db, 3)).rows, []);

    assert.throws(
      () => prepareQuery(db, (teamId: number) => db.selectFrom('persons').selectAll().where('team_id', '=', Number(teamId) || 1)),
      /argument 0 .* is not bound as a value/,
    );
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
