import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { api, eventually, hogql } from '../support/api-client.js';
import { postFlags } from '../support/flags-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

// Scale mode's meta store: the machine's PostgreSQL (CI starts it), a database of its own for this file.
const adminUrl = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const database = `warren_e2e_${randomBytes(5).toString('hex')}`;
let warren: WarrenProcess;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

before(async () => {
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  warren = await spawnWarren({ env: { WARREN_DATABASE_URL: url.toString() } });
});
after(async () => {
  await warren?.stop();
  await admin(`DROP DATABASE IF EXISTS ${database}`);
});

test('with WARREN_DATABASE_URL, projects, keys, persons, merges and flags live in PostgreSQL', async () => {
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_key: warren.token,
      batch: [
        { event: '$pageview', distinct_id: 'pg-anon', properties: { $current_url: 'https://x.io/' } },
        { event: '$identify', distinct_id: 'pg-user', properties: { $anon_distinct_id: 'pg-anon', $set: { plan: 'pro' } } },
      ],
    }),
  });
  assert.equal(res.status, 200);
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0][0]) === 2);
  const people = await hogql(warren, `select count(distinct person_id) from events`);
  assert.equal(Number(people.results[0][0]), 1);
  const person = await api(warren, 'GET', '/api/projects/1/persons/?distinct_id=pg-anon');
  assert.deepEqual([...person.body.results[0].distinct_ids].sort(), ['pg-anon', 'pg-user']);

  const created = await api(warren, 'POST', '/api/projects/1/feature_flags/', {
    key: 'pro-only',
    filters: { groups: [{ properties: [{ key: 'plan', value: 'pro', type: 'person', operator: 'exact' }], rollout_percentage: 100 }] },
  });
  assert.equal(created.status, 201);
  const flags = await postFlags(warren, '/flags/?v=2', { distinct_id: 'pg-user' });
  assert.equal(flags.body.flags['pro-only'].enabled, true, 'the stored person property decides the flag');
  const client = new pg.Client({ connectionString: adminUrl.replace(/\/[^/]*$/, `/${database}`) });
  await client.connect();
  const rows = await client.query('select count(*)::int as n from persons');
  await client.end();
  assert.equal(rows.rows[0].n, 1, 'the person row is in PostgreSQL');
});
