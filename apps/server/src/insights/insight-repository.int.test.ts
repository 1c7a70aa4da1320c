import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { DashboardRepository } from '../dashboards/dashboard-repository.js';
import { TileRepository } from '../dashboards/tile-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb, openSqliteMetaDb } from '../storage/open-meta-db.js';
import { insightInputFrom } from './insight-input.js';
import { insightListFilter } from './insight-list-query.js';
import { InsightRepository, type InsightWrite } from './insight-repository.js';

// The machine's PostgreSQL (CI starts it), one schema per run, dropped afterwards; and a fresh SQLite file.
const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `warren_test_${randomBytes(6).toString('hex')}`;
const dialects: [string, () => Promise<MetaDb>][] = [
  ['SQLite', () => openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-insights-')))],
  ['PostgreSQL', () => openPostgresMetaDb(url, { schema, poolSize: 2 })],
];
const opened: MetaDb[] = [];

after(async () => {
  if (opened[1]) await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(opened[1]);
  for (const db of opened) await db.destroy();
});

const trends = { kind: 'InsightVizNode', source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] } };
const write = (body: object): InsightWrite => ({ ...insightInputFrom(body, null).write, queryKind: 'TrendsQuery' });
const ids = (list: { insights: { id: number }[] }) => list.insights.map((i) => i.id);
const filterOf = (params: object) => insightListFilter(params, 7);

for (const [name, open] of dialects) {
  test(`${name}: insights get unique short ids, are filtered and searched as PostHog lists them, and soft-delete`, async () => {
    const db = await open();
    opened.push(db);
    const insights = new InsightRepository(db);
    const dashboards = new DashboardRepository(db);
    const tiles = new TileRepository(db);

    const signups = await insights.create(1, write({ name: 'Weekly signups', query: trends, tags: ['growth', 'growth', ' '], saved: true }), 7);
    const pricing = await insights.create(1, write({ name: 'Pricing views', description: 'How many 100% of_views', favorited: true }), 8);
    const unnamed = await insights.create(1, write({ derived_name: 'Pageview count' }), 7);
    await insights.create(2, write({ name: 'Weekly signups' }), 9);

    assert.match(signups.shortId, /^[A-Za-z0-9]{8}$/);
    assert.equal(new Set([signups.shortId, pricing.shortId, unnamed.shortId]).size, 3);
    assert.deepEqual(signups.query, trends);
    assert.deepEqual(signups.tags, ['growth'], 'duplicates and blanks dropped');
    assert.equal(unnamed.name, null);

    assert.equal((await insights.list(1, filterOf({}))).count, 3);
    assert.deepEqual(ids(await insights.list(1, filterOf({ search: 'WEEKLY' }))), [signups.id]);
    assert.deepEqual(ids(await insights.list(1, filterOf({ search: 'pageview' }))), [unnamed.id], 'derived name');
    assert.deepEqual(ids(await insights.list(1, filterOf({ search: 'grow' }))), [signups.id], 'tags');
    assert.deepEqual(ids(await insights.list(1, filterOf({ search: '100%' }))), [pricing.id], 'a % in the search is a plain character');
    assert.deepEqual(ids(await insights.list(1, filterOf({ search: 'y_1' }))), [], 'and so is _ ("y 1" is in the description)');
    assert.deepEqual(ids(await insights.list(1, filterOf({ favorited: 'true' }))), [pricing.id]);
    assert.deepEqual(ids(await insights.list(1, filterOf({ short_id: pricing.shortId }))), [pricing.id]);
    assert.deepEqual(ids(await insights.list(1, filterOf({ created_by: 8 }))), [pricing.id]);
    assert.deepEqual(ids(await insights.list(1, filterOf({ user: 'true', order: 'id' }))), [signups.id, unnamed.id], 'mine, as user 7');
    assert.deepEqual(ids(await insights.list(1, filterOf({ insight: 'TRENDS', order: 'id' }))), [signups.id, pricing.id, unnamed.id]);
    assert.deepEqual(ids(await insights.list(1, filterOf({ insight: 'RETENTION' }))), []);

    // Saved means saved or on a live dashboard.
    const board = await dashboards.create(1, { name: 'Growth', description: '', pinned: false, tags: [], filters: {}, deleted: false }, 'default', 7);
    await tiles.addInsight(board.id, pricing.id);
    assert.deepEqual(ids(await insights.list(1, filterOf({ saved: 'true', order: 'id' }))), [signups.id, pricing.id]);
    assert.deepEqual(ids(await insights.list(1, filterOf({ saved: 'false', order: 'id' }))), [pricing.id, unnamed.id]);
    assert.deepEqual(ids(await insights.list(1, filterOf({ dashboards: `[${board.id}]` }))), [pricing.id]);
    await dashboards.update(1, board.id, { ...board, deleted: true });
    assert.deepEqual(ids(await insights.list(1, filterOf({ saved: 'true' }))), [signups.id], 'a deleted dashboard saves nothing');

    const page = await insights.list(1, { ...filterOf({ order: '-created_at' }), limit: 2, offset: 0 });
    assert.deepEqual([page.count, ids(page)], [3, [unnamed.id, pricing.id]]);

    const renamed = await insights.update(1, signups.id, insightInputFrom({ favorited: true }, signups).write, { material: false, userId: 8 });
    assert.equal(renamed.lastModifiedAt, signups.lastModifiedAt, 'favouriting is not a material change');
    assert.equal(renamed.lastModifiedBy, 7);
    const edited = await insights.update(1, signups.id, insightInputFrom({ name: 'Signups' }, renamed).write, { material: true, userId: 8 });
    assert.equal(edited.lastModifiedBy, 8);

    await insights.softDelete(1, [unnamed.id]);
    assert.equal((await insights.list(1, filterOf({}))).count, 2);
    assert.equal((await insights.get(1, unnamed.id))?.deleted, true, 'still stored');
    assert.equal(await insights.get(2, signups.id), null, 'another project cannot read it');
    await insights.restore(1, [unnamed.id]);
    assert.equal((await insights.list(1, filterOf({}))).count, 3);
  });
}
