import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootstrapInstall } from './bootstrap-install.js';
import { deleteProject } from './delete-project.js';
import { metaDialectsForTests } from './meta-dialects-for-tests.js';
import { DEFAULT_PROJECT_SETTINGS, ProjectRepository } from './project-repository.js';

const dialects = metaDialectsForTests();

const bootstrap = { projectToken: 'phc_first', projectSecretKey: null, personalApiKey: 'phx_owner', email: 'owner@example.com', password: null };

for (const [name, open] of dialects) {
  test(`${name}: a project created after the bootstrap gets the next id and a fresh token; settings round-trip`, async () => {
    const db = await open();
    const first = await bootstrapInstall(db, bootstrap);
    assert.equal(first.projectId, 1);
    const repo = new ProjectRepository(db);
    const organizationId = (await repo.findById(1))!.organizationId;
    const second = await repo.create(organizationId, { ...DEFAULT_PROJECT_SETTINGS, name: 'Second' });
    assert.equal(second.id, 2, 'the identity sequence counted project 1');
    assert.match(second.apiToken, /^phc_[0-9A-Za-z]{30,}$/);
    assert.notEqual(second.apiToken, 'phc_first');

    const filters = [{ key: 'email', value: '@example.com', operator: 'not_icontains', type: 'person' }];
    const updated = await repo.update(2, { ...DEFAULT_PROJECT_SETTINGS, name: 'Renamed', timezone: 'Europe/Berlin', weekStartDay: 1, anonymizeIps: true, testAccountFilters: filters });
    assert.deepEqual(
      [updated!.name, updated!.timezone, updated!.weekStartDay, updated!.anonymizeIps, updated!.testAccountFilters],
      ['Renamed', 'Europe/Berlin', 1, true, filters],
    );
    assert.deepEqual((await repo.listForOrganizations([organizationId])).map((p) => p.id), [1, 2]);
    assert.deepEqual((await repo.findById(1))!.testAccountFilters, [], 'projects from before the migration have none');
  });

  test(`${name}: a rotated token is refused at once even when it was cached, and listeners see every write`, async () => {
    const db = await open();
    await bootstrapInstall(db, bootstrap);
    const repo = new ProjectRepository(db);
    const seen: number[] = [];
    repo.onChange(async () => {
      seen.push((await repo.captureProjects()).length);
    });
    const before = (await repo.findByToken('phc_first'))!;
    assert.equal(repo.cachedCaptureProject('phc_first')?.id, before.id);
    const generation = repo.generation;

    const rotated = (await repo.rotateToken(before.id))!;
    assert.notEqual(rotated.apiToken, 'phc_first');
    assert.equal(repo.cachedCaptureProject('phc_first'), null);
    assert.equal(await repo.findByToken('phc_first'), null);
    assert.equal((await repo.findByToken(rotated.apiToken))?.id, before.id);
    assert.ok(repo.generation > generation);
    assert.deepEqual(seen, [1]);
    await repo.update(before.id, { ...DEFAULT_PROJECT_SETTINGS, anonymizeIps: true });
    assert.equal(repo.cachedCaptureProject(rotated.apiToken), null, 'settings changes drop cached lookups too');
    assert.equal((await repo.findByToken(rotated.apiToken))?.anonymizeIps, true);
    assert.deepEqual(seen, [1, 1]);
  });

  test(`${name}: deleting a project removes its rows and moves users to another project`, async () => {
    const db = await open();
    await bootstrapInstall(db, bootstrap);
    const repo = new ProjectRepository(db);
    const organizationId = (await repo.findById(1))!.organizationId;
    const second = await repo.create(organizationId, DEFAULT_PROJECT_SETTINGS);
    await db.updateTable('users').set({ current_project_id: second.id }).execute();
    const now = new Date().toISOString();
    for (const team of [1, second.id]) {
      await db.insertInto('actions').values({ team_id: team, name: 'a', description: '', steps: '[]', tags: '[]', created_at: now, created_by: null, updated_at: now, deleted: 0 }).execute();
    }
    const commands: unknown[] = [];
    const eventStore = {
      query: async () => ({ columns: [{ name: 'name', type: 'String' }], rows: [['events'], ['person']], elapsedMs: 0 }),
      command: async (text: string, params?: Record<string, unknown>) => void commands.push([text, params]),
    };
    await deleteProject({ db, projects: repo, eventStore }, second.id);

    assert.equal(await repo.findById(second.id), null);
    assert.equal(await repo.findByToken(second.apiToken), null);
    const actions = await db.selectFrom('actions').select('team_id').execute();
    assert.deepEqual(actions.map((a) => Number(a.team_id)), [1]);
    const user = await db.selectFrom('users').select('current_project_id').executeTakeFirstOrThrow();
    assert.equal(user.current_project_id, 1);
    assert.deepEqual(commands, [
      ['DELETE FROM events WHERE team_id = {team:Int64}', { team: second.id }],
      ['DELETE FROM person WHERE team_id = {team:Int64}', { team: second.id }],
    ]);
  });
}
