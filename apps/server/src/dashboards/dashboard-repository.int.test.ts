import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { insightInputFrom } from '../insights/insight-input.js';
import { InsightRepository } from '../insights/insight-repository.js';
import { ActivityLog } from '../platform/activity-log.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb, openSqliteMetaDb } from '../storage/open-meta-db.js';
import { dashboardInputFrom } from './dashboard-input.js';
import { DashboardRepository } from './dashboard-repository.js';
import { TileRepository } from './tile-repository.js';

const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `warren_test_${randomBytes(6).toString('hex')}`;
const dialects: [string, () => Promise<MetaDb>][] = [
  ['SQLite', () => openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-dashboards-')))],
  ['PostgreSQL', async () => (postgres ??= await openPostgresMetaDb(url, { schema, poolSize: 2 }))],
];
const opened = new Set<MetaDb>();
let postgres: MetaDb | undefined;

after(async () => {
  if (postgres) await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(postgres);
  for (const db of opened) await db.destroy();
});

const dashboard = (body: object) => dashboardInputFrom(body, null).write;
const layout = (x: number, y: number) => ({ sm: { x, y, w: 6, h: 5 } });

for (const [name, open] of dialects) {
  test(`${name}: dashboards list pinned first by name, hold insight and text tiles, and hide what is deleted`, async () => {
    const db = await open();
    opened.add(db);
    const dashboards = new DashboardRepository(db);
    const tiles = new TileRepository(db);
    const insights = new InsightRepository(db);

    const growth = await dashboards.create(1, dashboard({ name: 'Growth', filters: { date_from: '-30d' }, tags: ['kpi'] }), 'default', 7);
    const beta = await dashboards.create(1, dashboard({ name: 'Beta' }), 'duplicate', 7);
    const pinned = await dashboards.create(1, dashboard({ name: 'Zebra', pinned: true }), 'default', 7);
    await dashboards.create(2, dashboard({ name: 'Other project' }), 'default', 9);
    assert.deepEqual(growth.filters, { date_from: '-30d' });
    assert.equal(beta.creationMode, 'duplicate');
    const listed = await dashboards.list(1, { limit: 10, offset: 0 });
    assert.deepEqual([listed.count, listed.dashboards.map((d) => d.name)], [3, ['Zebra', 'Beta', 'Growth']]);
    assert.deepEqual((await dashboards.list(1, { search: 'GRO', limit: 10, offset: 0 })).dashboards.map((d) => d.id), [growth.id]);
    assert.deepEqual([...(await dashboards.liveIds(1, [growth.id, beta.id, 9999]))].sort(), [growth.id, beta.id].sort());
    assert.deepEqual([...(await dashboards.liveIds(2, [growth.id]))], [], "another project's dashboard is not live for it");

    const a = await insights.create(1, insightInputFrom({ name: 'A' }, null).write, 7);
    const b = await insights.create(1, insightInputFrom({ name: 'B' }, null).write, 7);
    const tileA = await tiles.addInsight(growth.id, a.id, { layouts: layout(6, 0), color: 'blue' });
    await tiles.addInsight(growth.id, b.id, { layouts: layout(0, 0), color: null });
    await tiles.addInsight(beta.id, a.id);
    const textTile = await tiles.addText(1, growth.id, '## Notes', 7, { layouts: layout(0, 5), color: null });

    const onGrowth = await tiles.ofDashboard(growth.id);
    assert.deepEqual(onGrowth.map((t) => [t.insightId, t.text?.body ?? null]), [[a.id, null], [b.id, null], [null, '## Notes']]);
    assert.deepEqual(onGrowth[0].layouts, layout(6, 0));
    assert.equal(onGrowth[0].color, 'blue');
    assert.deepEqual((await tiles.ofInsights([a.id])).map((t) => t.dashboardId), [growth.id, beta.id]);
    assert.deepEqual(await tiles.insightsOnlyOn(growth.id), [b.id]);

    const textId = onGrowth[2].text!.id;
    assert.equal(await tiles.updateText(growth.id, textId, 'Updated', 8), true);
    assert.equal(await tiles.updateText(beta.id, textId, 'Hijack', 8), false, 'a text is edited through its own dashboard only');
    assert.equal((await tiles.ofDashboard(growth.id))[2].text?.lastModifiedBy, 8);
    assert.equal(await tiles.update(growth.id, tileA, { layouts: layout(0, 10) }), true);
    assert.equal(await tiles.update(beta.id, tileA, { deleted: true }), false, "another dashboard's tile is not found");
    assert.equal(await tiles.update(growth.id, textTile, { deleted: true }), true);
    assert.equal((await tiles.ofDashboard(growth.id)).length, 2);

    // Removing and re-adding an insight brings its tile back with its layout.
    await tiles.removeInsight(a.id, [growth.id]);
    assert.deepEqual((await tiles.ofInsights([a.id])).map((t) => t.dashboardId), [beta.id]);
    assert.equal(await tiles.addInsight(growth.id, a.id), tileA);
    assert.deepEqual((await tiles.ofDashboard(growth.id)).find((t) => t.id === tileA)?.layouts, layout(0, 10));

    // A deleted insight's tiles disappear from its dashboards; a deleted dashboard lists no tiles for its insights.
    await insights.softDelete(1, [b.id]);
    assert.deepEqual((await tiles.ofDashboard(growth.id)).map((t) => t.insightId), [a.id]);
    await dashboards.update(1, beta.id, { ...dashboard({ name: 'Beta' }), deleted: true });
    assert.deepEqual((await tiles.ofInsights([a.id])).map((t) => t.dashboardId), [growth.id]);
    assert.equal(await tiles.move(tileA, growth.id, pinned.id), true);
    assert.deepEqual((await tiles.ofDashboard(pinned.id)).map((t) => t.id), [tileA]);

    await dashboards.touch(1, growth.id, { accessedAt: '2024-05-01T00:00:00.000Z', refreshedAt: '2024-05-01T00:00:01.000Z' });
    const touched = await dashboards.get(1, growth.id);
    assert.deepEqual([touched?.lastAccessedAt, touched?.lastRefresh], ['2024-05-01T00:00:00.000Z', '2024-05-01T00:00:01.000Z']);
  });

  test(`${name}: the dashboards list counts each dashboard's live tiles and finds when it last changed`, async () => {
    const db = await open();
    opened.add(db);
    const dashboards = new DashboardRepository(db);
    const tiles = new TileRepository(db);
    const insights = new InsightRepository(db);
    const activity = new ActivityLog(db);

    const full = await dashboards.create(5, dashboard({ name: 'Full' }), 'default', 7);
    const empty = await dashboards.create(5, dashboard({ name: 'Empty' }), 'default', 7);
    const kept = await insights.create(5, insightInputFrom({ name: 'Kept' }, null).write, 7);
    const gone = await insights.create(5, insightInputFrom({ name: 'Gone' }, null).write, 7);
    await tiles.addInsight(full.id, kept.id);
    await tiles.addInsight(full.id, gone.id);
    await tiles.addText(5, full.id, 'Notes', 7, { layouts: {}, color: null });
    const removed = await tiles.addText(5, full.id, 'Removed', 7, { layouts: {}, color: null });
    await tiles.update(full.id, removed, { deleted: true });
    await insights.softDelete(5, [gone.id]);
    assert.deepEqual([...(await tiles.countsOf([full.id, empty.id]))], [[full.id, 2]], 'a removed tile and a deleted insight are not counted');

    assert.deepEqual([...(await dashboards.lastModified(5, [full.id, empty.id]))], [], 'no activity yet');
    const entry = { teamId: 5, scope: 'Dashboard', userId: 7, name: 'Full', changes: [] };
    await activity.record({ ...entry, itemId: String(full.id), activity: 'created' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await activity.record({ ...entry, itemId: String(full.id), activity: 'updated' });
    await activity.record({ ...entry, teamId: 6, itemId: String(empty.id), activity: 'updated' });
    await activity.record({ ...entry, scope: 'Insight', itemId: String(empty.id), activity: 'updated' });
    const newest = (await activity.list(5, 'Dashboard', String(full.id), 1))[0].created_at;
    assert.deepEqual([...(await dashboards.lastModified(5, [full.id, empty.id]))], [[full.id, newest]], "the newest entry; other projects' and insights' entries do not count");
  });
}
