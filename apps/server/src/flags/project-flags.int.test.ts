import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GroupRepository } from '../identity/group-repository.js';
import { bootstrapInstall } from '../projects/bootstrap-install.js';
import { metaDialectsForTests } from '../projects/meta-dialects-for-tests.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { FlagRepository, type FlagWrite } from './flag-repository.js';
import { ProjectFlags } from './project-flags.js';

const bootstrap = { projectToken: 'phc_first', projectSecretKey: null, personalApiKey: 'phx_owner', email: 'owner@example.com', password: null };

/** The real repository, counting how often the flag set is read; `slowFirstRead` holds the first answer back. */
class CountingFlagRepository extends FlagRepository {
  reads = 0;
  slowFirstRead = false;
  override async liveFlags(teamId: number) {
    const first = ++this.reads === 1;
    const rows = await super.liveFlags(teamId);
    if (first && this.slowFirstRead) await new Promise((resolve) => setTimeout(resolve, 150));
    return rows;
  }
}

const flag = (active: boolean): FlagWrite => ({
  key: 'kill-me', name: 'Kill me', active, deleted: false, ensureExperienceContinuity: false, tags: [], evaluationRuntime: 'all',
  filters: { groups: [{ properties: [], rollout_percentage: 100 }] },
});

async function freshInstall(db: MetaDb, maxAgeMs: number) {
  await bootstrapInstall(db, bootstrap);
  const flags = new CountingFlagRepository(db);
  const created = await flags.create(1, flag(true), null);
  return { flags, created, projectFlags: new ProjectFlags(flags, new GroupRepository(db), maxAgeMs) };
}

for (const [name, open] of metaDialectsForTests()) {
  test(`${name}: requests arriving while an expired flag set loads share one load`, async () => {
    const { flags, projectFlags } = await freshInstall(await open(), 0);
    const sets = await Promise.all(Array.from({ length: 20 }, () => projectFlags.forProject(1)));
    assert.equal(flags.reads, 1);
    assert.ok(sets.every((set) => set === sets[0]));
    await projectFlags.forProject(1);
    assert.equal(flags.reads, 2, 'once loaded, an expired set is read again');
  });

  test(`${name}: a load that began before a flag changed is never cached (the kill switch holds)`, async () => {
    const { flags, created, projectFlags } = await freshInstall(await open(), 60_000);
    flags.slowFirstRead = true; // the older load finishes last
    const before = projectFlags.forProject(1);
    assert.ok(await flags.update(1, created.id, flag(false), created.version, null));
    projectFlags.invalidate(1);
    const after = await projectFlags.forProject(1);
    await before;
    assert.equal(flags.reads, 2, 'the request after the change did not join the older load');
    assert.equal(after.definitions[0].active, false);
    assert.equal(projectFlags.fresh(1), after, 'the older load, whenever it finished, did not replace the newer set');
    assert.equal((await projectFlags.forProject(1)).definitions[0].active, false);
  });
}
