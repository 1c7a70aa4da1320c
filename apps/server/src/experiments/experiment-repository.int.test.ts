import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metaDialectsForTests } from '../projects/meta-dialects-for-tests.js';
import type { ExperimentFields, ExperimentListFilter } from './experiment-repository.js';
import { ExperimentRepository } from './experiment-repository.js';
import { HoldoutRepository } from './holdout-repository.js';
import { SavedMetricRepository } from './saved-metric-repository.js';

const fields = (name: string, extra: Partial<ExperimentFields> = {}): ExperimentFields => ({
  name, description: null, holdoutId: null, startDate: null, endDate: null, parameters: {}, filters: {}, metrics: [], metricsSecondary: [],
  secondaryMetrics: [], statsConfig: null, exposureCriteria: null, primaryMetricsOrderedUuids: null, secondaryMetricsOrderedUuids: null,
  type: 'product', archived: false, deleted: false, conclusion: null, conclusionComment: null, shippedVariant: null, ...extra,
});
const listing = (extra: Partial<ExperimentListFilter> = {}): ExperimentListFilter => ({ archived: false, order: { column: 'created_at', direction: 'desc' }, limit: 100, offset: 0, ...extra });

for (const [name, open] of metaDialectsForTests()) {
  test(`${name}: experiments list by status, archive, search and order, stay in their project, and soft-delete`, async () => {
    const repo = new ExperimentRepository(await open());
    const draft = await repo.create(1, 10, fields('Draft 100%'), 5);
    const running = await repo.create(1, 11, fields('Running', { startDate: '2024-01-01T00:00:00.000Z', statsConfig: { method: 'frequentist' } }), null);
    const done = await repo.create(1, 12, fields('Done', { startDate: '2024-01-01T00:00:00.000Z', endDate: '2024-02-01T00:00:00.000Z', conclusion: 'lost' }), null);
    const archived = await repo.create(1, 13, fields('Old', { archived: true }), null);
    await repo.create(2, 14, fields('Elsewhere'), null);
    const names = async (f: Partial<ExperimentListFilter>) => (await repo.list(1, listing(f))).experiments.map((e) => e.name);

    assert.deepEqual([running.statsConfig, done.conclusion, draft.createdBy, draft.metrics], [{ method: 'frequentist' }, 'lost', 5, []]);
    assert.deepEqual(await names({ status: 'draft' }), ['Draft 100%']);
    assert.deepEqual(await names({ status: 'running' }), ['Running']);
    assert.deepEqual(await names({ status: 'complete' }), ['Done']);
    assert.deepEqual(await names({ archived: true }), ['Old']);
    assert.deepEqual(await names({ search: '100%' }), ['Draft 100%']);
    assert.deepEqual(await names({ search: '_' }), [], 'LIKE wildcards are literal');
    assert.deepEqual(await names({ order: { column: 'name', direction: 'asc' } }), ['Done', 'Draft 100%', 'Running']);
    assert.deepEqual(await names({ createdById: 5 }), ['Draft 100%']);
    assert.equal((await repo.list(1, listing({ limit: 1, offset: 1 }))).count, 3);
    assert.equal(await repo.get(2, draft.id), null, 'another project does not see it');

    await repo.update(1, archived.id, { ...archived, deleted: true });
    assert.equal(await repo.get(1, archived.id), null);
    assert.deepEqual(await names({ archived: true }), []);
  });

  test(`${name}: saved metric links are replaced in place and leave with their metric; holdouts name their variant`, async () => {
    const db = await open();
    const repo = new ExperimentRepository(db);
    const metrics = new SavedMetricRepository(db);
    const holdouts = new HoldoutRepository(db);
    const query = { kind: 'ExperimentMetric' as const, metric_type: 'funnel' as const, series: [{ kind: 'EventsNode' as const, event: 'paid' }] };
    const [a, b, c] = [await metrics.create(1, { name: 'A', description: null, query, tags: [] }, null), await metrics.create(1, { name: 'B', description: null, query, tags: ['x'] }, null), await metrics.create(1, { name: 'C', description: null, query, tags: [] }, null)];
    const holdout = await holdouts.create(1, { name: 'H', description: null, filters: [{ properties: [], rollout_percentage: 10 }] }, null);
    assert.equal(holdout.filters[0].variant, `holdout-${holdout.id}`);
    const e = await repo.create(1, 10, fields('E', { holdoutId: holdout.id }), null);

    await repo.replaceSavedMetricLinks(1, e.id, [{ id: a.id, metadata: { type: 'primary' } }, { id: b.id, metadata: { type: 'secondary' } }]);
    const first = await repo.savedMetricLinks(1, [e.id]);
    await repo.replaceSavedMetricLinks(1, e.id, [{ id: b.id, metadata: { type: 'primary' } }, { id: c.id, metadata: { type: 'secondary' } }]);
    const second = await repo.savedMetricLinks(1, [e.id]);
    assert.deepEqual(second.map((l) => [l.savedMetricId, l.metadata.type]), [[b.id, 'primary'], [c.id, 'secondary']]);
    assert.equal(second[0].id, first[1].id, 'a kept link keeps its id');
    assert.deepEqual(await repo.savedMetricLinks(2, [e.id]), [], 'links stay in their project');

    await metrics.delete(1, c.id);
    assert.deepEqual((await repo.savedMetricLinks(1, [e.id])).map((l) => l.savedMetricId), [b.id]);
    assert.deepEqual((await metrics.getMany(1, [a.id, b.id, c.id])).size, 2);

    assert.deepEqual((await repo.usingHoldout(1, holdout.id)).map((x) => x.id), [e.id]);
    await repo.dropHoldout(1, holdout.id);
    assert.equal((await repo.get(1, e.id))!.holdoutId, null);
    await holdouts.delete(1, holdout.id);
    assert.equal(await holdouts.get(1, holdout.id), null);
  });
}
