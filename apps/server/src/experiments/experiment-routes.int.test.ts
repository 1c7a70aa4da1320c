import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { evaluateFlag } from '@warren/flags/evaluate-flag';
import { Authenticator } from '../auth/authenticator.js';
import { registerFeatureFlagRoutes } from '../flags/feature-flag-routes.js';
import { FlagRepository } from '../flags/flag-repository.js';
import { toDefinition } from '../flags/flag-view.js';
import { ProjectFlags } from '../flags/project-flags.js';
import { GroupRepository } from '../identity/group-repository.js';
import { ActivityLog } from '../platform/activity-log.js';
import { installErrorHandler } from '../platform/error-handler.js';
import { installJsonBodyParser } from '../platform/json-body-parser.js';
import { bootstrapInstall } from '../projects/bootstrap-install.js';
import { metaDialectsForTests } from '../projects/meta-dialects-for-tests.js';
import { ProjectRepository } from '../projects/project-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { registerExperiments } from './register-experiments.js';

const bootstrap = { projectToken: 'phc_first', projectSecretKey: null, personalApiKey: 'phx_owner', email: 'owner@example.com', password: null };
const base = '/api/projects/1';

/** The flag and experiment routes on a fresh install, called in-process with the owner's key. */
async function experimentsApp(db: MetaDb) {
  await bootstrapInstall(db, bootstrap);
  const app = Fastify();
  installErrorHandler(app);
  installJsonBodyParser(app);
  const authenticator = new Authenticator(db, new ProjectRepository(db));
  const flags = new FlagRepository(db);
  const projectFlags = new ProjectFlags(flags, new GroupRepository(db));
  const activity = new ActivityLog(db);
  registerFeatureFlagRoutes(app, authenticator, { db, flags, projectFlags, activity });
  registerExperiments(app, authenticator, { db, flags, projectFlags, activity });
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
    const res = await app.inject({ method, url: base + url, headers: { authorization: 'Bearer phx_owner' }, ...(body !== undefined ? { payload: body as object } : {}) });
    return { status: res.statusCode, body: res.body === '' ? null : res.json() };
  };
  const variantOf = async (flagId: number, distinctId: string) => {
    const flag = (await flags.get(1, flagId))!;
    return evaluateFlag(toDefinition(flag), { distinctId, personProperties: {}, groups: {}, groupProperties: {}, groupTypeMapping: {}, now: new Date() }).variant;
  };
  return { app, call, flags, variantOf };
}

const funnel = { kind: 'ExperimentMetric', metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'checkout' }], goal: 'increase' };

for (const [name, open] of metaDialectsForTests()) {
  test(`${name}: an experiment creates its flag inactive, launch activates it, stop, conclude, ship a variant, archive, soft delete`, async () => {
    const { app, call, flags, variantOf } = await experimentsApp(await open());
    const created = await call('POST', '/experiments/', { name: 'Checkout button', feature_flag_key: 'checkout-button', metrics: [funnel] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const e = created.body;
    assert.deepEqual([e.status, e.start_date, e.feature_flag_key, e.feature_flag.active, e.archived, e.created_by.email], ['draft', null, 'checkout-button', false, false, 'owner@example.com']);
    assert.deepEqual(e.feature_flag.filters.multivariate.variants.map((v: { key: string; rollout_percentage: number }) => [v.key, v.rollout_percentage]), [['control', 50], ['test', 50]]);
    assert.deepEqual(e.parameters.feature_flag_variants.map((v: { key: string }) => v.key), ['control', 'test']);
    assert.match(e.metrics[0].uuid, /^[0-9a-f-]{36}$/, 'a metric gets a uuid');
    assert.equal(await variantOf(e.feature_flag.id, 'u1'), null, 'a draft serves nothing');
    assert.deepEqual((await call('GET', `/feature_flags/${e.feature_flag.id}/`)).body.experiment_set, [e.id], "the flag lists its experiment (PostHog's experiment_set)");
    const listed = (await call('GET', '/feature_flags/')).body.results.find((f: { id: number }) => f.id === e.feature_flag.id);
    assert.deepEqual(listed.experiment_set, [e.id]);

    const launched = await call('PATCH', `/experiments/${e.id}/`, { start_date: '2024-05-01T00:00:00Z' });
    assert.deepEqual([launched.status, launched.body.status, launched.body.feature_flag.active], [200, 'running', true]);
    const seen = new Set(await Promise.all(Array.from({ length: 40 }, (_, i) => variantOf(e.feature_flag.id, `user-${i}`))));
    assert.deepEqual([...seen].sort(), ['control', 'test']);

    const refusals: [unknown, string][] = [
      [{ end_date: '2024-04-01T00:00:00Z' }, 'end_date'],
      [{ feature_flag_key: 'other-key' }, 'feature_flag_key'],
      [{ conclusion: 'maybe' }, 'conclusion'],
      [{ metrics: [{ kind: 'ExperimentMetric', metric_type: 'mean' }] }, 'metrics__0__source'],
      [{ stats_config: { method: 'magic' } }, 'stats_config__method'],
    ];
    for (const [body, attr] of refusals) {
      const res = await call('PATCH', `/experiments/${e.id}/`, body);
      assert.deepEqual([res.status, res.body.type, res.body.attr], [400, 'validation_error', attr], JSON.stringify(body));
    }
    const stopped = await call('PATCH', `/experiments/${e.id}/`, { end_date: '2024-05-15T00:00:00Z', conclusion: 'won', conclusion_comment: 'Clear win' });
    assert.deepEqual([stopped.body.status, stopped.body.conclusion, stopped.body.conclusion_comment], ['complete', 'won', 'Clear win']);

    assert.equal((await call('POST', `/experiments/${e.id}/ship_variant/`, { variant_key: 'nope' })).body.attr, 'variant_key');
    const shipped = await call('POST', `/experiments/${e.id}/ship_variant/`, { variant_key: 'test' });
    assert.deepEqual([shipped.status, shipped.body.shipped_variant], [200, 'test']);
    assert.deepEqual(shipped.body.feature_flag.filters.multivariate.variants.map((v: { rollout_percentage: number }) => v.rollout_percentage), [0, 100]);
    for (let i = 0; i < 20; i++) assert.equal(await variantOf(e.feature_flag.id, `user-${i}`), 'test');
    const flagActivity = await call('GET', `/feature_flags/${e.feature_flag.id}/activity/`);
    assert.ok(flagActivity.body.results.length >= 3, 'flag changes are in the flag activity log');

    assert.equal((await call('PATCH', `/experiments/${e.id}/`, { archived: true })).body.archived, true);
    assert.deepEqual((await call('GET', '/experiments/')).body.results, [], 'archived experiments leave the default list');
    assert.deepEqual((await call('GET', '/experiments/?archived=true')).body.results.map((x: { id: number }) => x.id), [e.id]);
    const del = await call('DELETE', `/experiments/${e.id}/`);
    assert.deepEqual([del.status, del.body], [405, null]);
    assert.equal((await call('PATCH', `/experiments/${e.id}/`, { deleted: true })).status, 200);
    assert.equal((await call('GET', `/experiments/${e.id}/`)).status, 404);
    assert.equal((await flags.get(1, e.feature_flag.id))!.deleted, false, 'the flag outlives its experiment');
    assert.deepEqual((await call('GET', `/feature_flags/${e.feature_flag.id}/`)).body.experiment_set, [], 'a deleted experiment leaves experiment_set');
    const activity = await call('GET', `/experiments/${e.id}/activity/`);
    assert.equal(activity.status, 404, 'a deleted experiment is gone');
    const all = (await call('GET', '/experiments/activity/')).body.results.map((r: { activity: string }) => r.activity);
    assert.deepEqual([all[0], all[all.length - 1]], ['deleted', 'created']);
    await app.close();
  });

  test(`${name}: an existing flag must be multivariate with control first; variants are validated; list filters and duplicate`, async () => {
    const { app, call } = await experimentsApp(await open());
    const boolFlag = await call('POST', '/feature_flags/', { key: 'plain', filters: { groups: [{ properties: [], rollout_percentage: 100 }] } });
    assert.equal(boolFlag.status, 201);
    const onBool = await call('POST', '/experiments/', { name: 'x', feature_flag_key: 'plain' });
    assert.deepEqual([onBool.status, onBool.body.attr], [400, 'feature_flag_key']);
    const variants = (keys: string[]) => keys.map((key, i) => ({ key, rollout_percentage: i === 0 ? 100 - Math.floor(100 / keys.length) * (keys.length - 1) : Math.floor(100 / keys.length) }));
    await call('POST', '/feature_flags/', { key: 'test-first', filters: { groups: [{ rollout_percentage: 100 }], multivariate: { variants: variants(['test', 'control']) } } });
    assert.equal((await call('POST', '/experiments/', { name: 'x', feature_flag_key: 'test-first' })).body.attr, 'feature_flag_key');
    const good = await call('POST', '/feature_flags/', { key: 'three-way', active: true, filters: { groups: [{ rollout_percentage: 100 }], multivariate: { variants: variants(['control', 'a', 'b']) } } });
    const linked = await call('POST', '/experiments/', { name: 'Three way', feature_flag_key: 'three-way' });
    assert.deepEqual([linked.status, linked.body.feature_flag.id, linked.body.parameters.feature_flag_variants.length], [201, good.body.id, 3]);

    const bad: [unknown, string][] = [
      [{ name: 'x', feature_flag_key: 'n1', parameters: { feature_flag_variants: variants(['a', 'b']) } }, 'control'],
      [{ name: 'x', feature_flag_key: 'n2', parameters: { feature_flag_variants: variants(['control', ...Array.from({ length: 20 }, (_, i) => `v${i}`)]) } }, 'less than 21'],
      [{ name: 'x', feature_flag_key: 'n3', parameters: { feature_flag_variants: [{ key: 'control', rollout_percentage: 60 }, { key: 'test', rollout_percentage: 60 }] } }, 'sum to 100'],
      [{ name: 'x', feature_flag_key: 'bad key!' }, 'key'],
      [{ feature_flag_key: 'n4' }, 'required'],
      [{ name: 'x' }, 'required'],
    ];
    for (const [body, detail] of bad) {
      const res = await call('POST', '/experiments/', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(`${res.body.detail} ${res.body.attr}`.includes(detail), `${JSON.stringify(body)} -> ${JSON.stringify(res.body)}`);
    }
    const twenty = await call('POST', '/experiments/', { name: 'Twenty', feature_flag_key: 'twenty', parameters: { feature_flag_variants: variants(['control', ...Array.from({ length: 19 }, (_, i) => `v${i}`)]) } });
    assert.equal(twenty.status, 201, JSON.stringify(twenty.body));

    await call('PATCH', `/experiments/${twenty.body.id}/`, { start_date: '2024-01-01T00:00:00Z' });
    await call('PATCH', `/experiments/${linked.body.id}/`, { start_date: '2024-01-01T00:00:00Z', end_date: '2024-02-01T00:00:00Z' });
    const ids = async (q: string) => (await call('GET', `/experiments/${q}`)).body.results.map((x: { name: string }) => x.name);
    assert.deepEqual(await ids('?status=running'), ['Twenty']);
    assert.deepEqual(await ids('?status=complete'), ['Three way']);
    assert.deepEqual(await ids('?status=draft'), []);
    assert.deepEqual(await ids('?search=THREE'), ['Three way']);
    assert.deepEqual(await ids('?order=name'), ['Three way', 'Twenty']);
    assert.deepEqual(await ids('?order=-name&limit=1&offset=1'), ['Three way']);
    assert.equal((await call('GET', '/experiments/?order=drop table')).status, 400);

    const copy = await call('POST', `/experiments/${linked.body.id}/duplicate/`, {});
    assert.deepEqual([copy.status, copy.body.name, copy.body.status, copy.body.feature_flag.id], [201, 'Three way (Copy)', 'draft', good.body.id]);
    const fresh = await call('POST', `/experiments/${linked.body.id}/duplicate/`, { feature_flag_key: 'three-way-2' });
    assert.deepEqual([fresh.status, fresh.body.feature_flag_key, fresh.body.feature_flag.active], [201, 'three-way-2', false]);
    assert.deepEqual(fresh.body.feature_flag.filters.multivariate.variants.map((v: { key: string }) => v.key), ['control', 'a', 'b']);
    await app.close();
  });

  test(`${name}: holdouts write filters.holdout onto the flag and follow its share; saved metrics link primary and secondary`, async () => {
    const { app, call, variantOf } = await experimentsApp(await open());
    assert.equal((await call('POST', '/experiment_holdouts/', { name: 'No filters' })).body.attr, 'filters');
    const unnamed = (await call('POST', '/experiment_holdouts/', { name: ' ', filters: [{ rollout_percentage: 10 }] })).body;
    assert.deepEqual([unnamed.attr, unnamed.code], ['name', 'required']);
    assert.equal((await call('POST', '/experiment_holdouts/', { name: 'x'.repeat(401), filters: [{ rollout_percentage: 10 }] })).body.code, 'max_length');
    assert.equal((await call('POST', '/experiment_holdouts/', { name: 'Too big', filters: [{ rollout_percentage: 120 }] })).status, 400);
    const holdout = (await call('POST', '/experiment_holdouts/', { name: 'Q3', filters: [{ properties: [], rollout_percentage: 20 }] })).body;
    assert.equal(holdout.filters[0].variant, `holdout-${holdout.id}`);
    const e = (await call('POST', '/experiments/', { name: 'Held', feature_flag_key: 'held', holdout_id: holdout.id, start_date: '2024-01-01T00:00:00Z' })).body;
    assert.deepEqual([e.holdout_id, e.holdout.name, e.feature_flag.active], [holdout.id, 'Q3', true]);
    assert.deepEqual(e.feature_flag.filters.holdout, { id: holdout.id, exclusion_percentage: 20 });
    let held = 0;
    for (let i = 0; i < 500; i++) if ((await variantOf(e.feature_flag.id, `id-${i}`)) === `holdout-${holdout.id}`) held++;
    assert.ok(held > 70 && held < 130, `about 20 % of 500 held out, got ${held}`);
    assert.equal((await call('PATCH', `/experiments/${e.id}/`, { holdout_id: null })).body.attr, 'holdout_id', 'a launched experiment keeps its holdout');
    assert.equal((await call('POST', '/experiments/', { name: 'x', feature_flag_key: 'x', holdout_id: 999 })).body.code, 'does_not_exist');

    await call('PATCH', `/experiment_holdouts/${holdout.id}/`, { filters: [{ properties: [], rollout_percentage: 5 }] });
    assert.equal((await call('GET', `/experiments/${e.id}/`)).body.feature_flag.filters.holdout.exclusion_percentage, 5);
    assert.equal((await call('DELETE', `/experiment_holdouts/${holdout.id}/`)).status, 204);
    const after = (await call('GET', `/experiments/${e.id}/`)).body;
    assert.deepEqual([after.holdout_id, after.feature_flag.filters.holdout], [null, null]);

    assert.equal((await call('POST', '/experiment_saved_metrics/', { name: 'No query' })).body.attr, 'query');
    assert.equal((await call('POST', '/experiment_saved_metrics/', { query: funnel })).body.attr, 'name');
    assert.equal((await call('POST', '/experiment_saved_metrics/', { name: 'Described', description: 7, query: funnel })).body.attr, 'description');
    assert.equal((await call('POST', '/experiment_saved_metrics/', { name: 'Bad', query: { kind: 'TrendsQuery' } })).body.attr, 'query');
    const paid = (await call('POST', '/experiment_saved_metrics/', { name: 'Paid', query: funnel })).body;
    const revenue = (await call('POST', '/experiment_saved_metrics/', { name: 'Revenue', query: { kind: 'ExperimentMetric', metric_type: 'mean', source: { kind: 'EventsNode', event: 'purchase', math: 'sum', math_property: 'amount' }, upper_bound_percentile: 0.99 } })).body;
    assert.ok(paid.query.uuid && revenue.id > paid.id);
    assert.equal((await call('PATCH', `/experiments/${e.id}/`, { saved_metrics_ids: [{ id: 9999 }] })).body.attr, 'saved_metrics_ids');
    const linked = await call('PATCH', `/experiments/${e.id}/`, { saved_metrics_ids: [{ id: paid.id, metadata: { type: 'primary' } }, { id: revenue.id, metadata: { type: 'secondary' } }] });
    assert.deepEqual(linked.body.saved_metrics.map((l: { name: string; metadata: { type: string } }) => [l.name, l.metadata.type]), [['Paid', 'primary'], ['Revenue', 'secondary']]);
    assert.equal((await call('PATCH', `/experiment_saved_metrics/${paid.id}/`, { name: 'Paid (v2)' })).body.name, 'Paid (v2)');
    assert.equal((await call('GET', `/experiments/${e.id}/`)).body.saved_metrics[0].name, 'Paid (v2)');
    assert.equal((await call('DELETE', `/experiment_saved_metrics/${revenue.id}/`)).status, 204);
    assert.deepEqual((await call('GET', `/experiments/${e.id}/`)).body.saved_metrics.map((l: { name: string }) => l.name), ['Paid (v2)']);
    assert.equal((await call('GET', '/experiment_saved_metrics/')).body.count, 1);
    await app.close();
  });

  test(`${name}: the one-step actions launch, pause, resume, end, archive and reset check the experiment's state`, async () => {
    const { app, call, variantOf } = await experimentsApp(await open());
    const e = (await call('POST', '/experiments/', { name: 'Steps', feature_flag_key: 'steps' })).body;
    const act = (action: string, body?: unknown) => call('POST', `/experiments/${e.id}/${action}/`, body ?? {});
    for (const action of ['end', 'pause', 'resume', 'archive', 'reset']) assert.equal((await act(action)).status, 400, `${action} on a draft`);
    const launched = await act('launch');
    assert.deepEqual([launched.status, launched.body.status, launched.body.feature_flag.active], [200, 'running', true]);
    assert.equal((await act('launch')).status, 400, 'launched twice');
    assert.equal((await act('pause')).body.feature_flag.active, false);
    assert.equal(await variantOf(e.feature_flag.id, 'u1'), null, 'a paused experiment serves nothing');
    assert.equal((await act('pause')).status, 400);
    assert.equal((await act('resume')).body.feature_flag.active, true);
    assert.equal((await act('archive')).status, 400, 'a running experiment is not archived');
    const ended = await act('end', { conclusion: 'inconclusive', conclusion_comment: 'Flat.' });
    assert.deepEqual([ended.body.status, ended.body.conclusion, ended.body.conclusion_comment, ended.body.feature_flag.active], ['complete', 'inconclusive', 'Flat.', true]);
    assert.equal((await act('archive')).body.archived, true);
    const reset = await act('reset');
    assert.deepEqual([reset.body.status, reset.body.start_date, reset.body.end_date, reset.body.conclusion, reset.body.archived], ['draft', null, null, null, false]);
    await app.close();
  });
}
