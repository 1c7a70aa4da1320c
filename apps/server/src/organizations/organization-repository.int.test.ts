import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootstrapInstall } from '../projects/bootstrap-install.js';
import { metaDialectsForTests } from '../projects/meta-dialects-for-tests.js';
import { ProjectRepository } from '../projects/project-repository.js';
import { deleteOrganization } from './delete-organization.js';
import { ADMIN, membershipLevel, OWNER, requireLevel } from './membership-levels.js';
import { currentOrganizationId } from './organization-access.js';
import { OrganizationRepository } from './organization-repository.js';

const bootstrap = { projectToken: 'phc_first', projectSecretKey: null, personalApiKey: 'phx_owner', email: 'owner@example.com', password: null };

for (const [name, open] of metaDialectsForTests()) {
  test(`${name}: creating an organization makes the user its owner with a default project that becomes current`, async () => {
    const db = await open();
    await bootstrapInstall(db, bootstrap);
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const organizations = new OrganizationRepository(db);
    const [first] = await organizations.listForUser(user.id);
    assert.deepEqual([first.organization.name, first.level], ['Default organization', OWNER]);

    const { organization, project } = await organizations.create('Acme', user.id);
    assert.equal(project.organizationId, organization.id);
    assert.equal(project.id, 2);
    assert.equal(await membershipLevel(db, user.id, organization.id), OWNER);
    assert.equal(await currentOrganizationId(db, user.id, project.id), organization.id);
    const current = await db.selectFrom('users').select('current_project_id').where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(current.current_project_id, project.id);
    assert.deepEqual((await organizations.listForUser(user.id)).map((m) => m.organization.name), ['Default organization', 'Acme']);
    assert.equal(await organizations.memberCount(organization.id), 1);

    const renamed = await organizations.rename(organization.id, 'Acme Inc');
    assert.equal(renamed?.name, 'Acme Inc');
    assert.ok(renamed!.updatedAt >= renamed!.createdAt);
  });

  test(`${name}: levels gate actions, and deleting an organization takes its projects and memberships with it`, async () => {
    const db = await open();
    await bootstrapInstall(db, bootstrap);
    const owner = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const member = await db
      .insertInto('users')
      .values({ uuid: crypto.randomUUID(), distinct_id: 'm', email: 'member@example.com', first_name: '', password_hash: null, current_project_id: null, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const organizations = new OrganizationRepository(db);
    const projects = new ProjectRepository(db);
    const { organization, project } = await organizations.create('Doomed', owner.id);
    await db.insertInto('organization_memberships').values({ organization_id: organization.id, user_id: member.id, level: 1, created_at: new Date().toISOString() }).execute();
    await db.updateTable('users').set({ current_project_id: project.id }).where('id', '=', member.id).execute();

    await assert.rejects(requireLevel(db, member.id, organization.id, ADMIN), (e: { status: number }) => e.status === 403);
    await assert.rejects(requireLevel(db, member.id, 'not-a-member-org', 1), (e: { status: number }) => e.status === 404);
    assert.equal(await requireLevel(db, owner.id, organization.id, OWNER), OWNER);

    await deleteOrganization({ db, projects, organizations, eventStore: { query: async () => ({ columns: [], rows: [], elapsedMs: 0 }), command: async () => {} } }, organization.id);
    assert.equal(await organizations.get(organization.id), null);
    assert.equal(await projects.findById(project.id), null);
    assert.equal(await membershipLevel(db, member.id, organization.id), null);
    const users = await db.selectFrom('users').select(['id', 'current_project_id']).orderBy('id').execute();
    assert.deepEqual(
      users.map((u) => u.current_project_id),
      [1, null],
      'the owner falls back to project 1; the member belongs to no organization any more',
    );
  });
}
