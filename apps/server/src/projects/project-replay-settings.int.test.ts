import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkedFlagLookup } from '../replay/settings/linked-flag-lookup.js';
import { DEFAULT_REPLAY_SETTINGS } from '../replay/settings/replay-settings.js';
import { bootstrapInstall } from './bootstrap-install.js';
import { metaDialectsForTests } from './meta-dialects-for-tests.js';
import { projectSettingsFrom } from './project-input.js';
import { settingsOf, ProjectRepository } from './project-repository.js';
import { projectView } from './project-view.js';

const bootstrap = { projectToken: 'phc_first', projectSecretKey: null, personalApiKey: null, email: null, password: null };

for (const [name, open] of metaDialectsForTests()) {
  test(`${name}: replay settings default as before migration 0012, and a PATCH body round-trips through the store`, async () => {
    const db = await open();
    await bootstrapInstall(db, bootstrap);
    const repo = new ProjectRepository(db);
    const first = (await repo.findById(1))!;
    assert.deepEqual(first.replay, DEFAULT_REPLAY_SETTINGS, 'an existing project keeps recording as it did');
    assert.equal(first.sessionRecordingRetentionDays, 30);

    const now = new Date().toISOString();
    const filters = JSON.stringify({ groups: [{ properties: [], rollout_percentage: 100 }], multivariate: { variants: [{ key: 'control', rollout_percentage: 50 }, { key: 'test', rollout_percentage: 50 }] } });
    for (const [team, key] of [[1, 'exp'], [1, 'gone'], [2, 'elsewhere']] as const) {
      await db.insertInto('feature_flags').values({ team_id: team, key, name: '', filters, active: 1, deleted: key === 'gone' ? 1 : 0, ensure_experience_continuity: 0, version: 1, tags: '[]', evaluation_runtime: 'all', created_at: now, updated_at: now, created_by: null, last_modified_by: null }).execute();
    }
    const flagId = Number((await db.selectFrom('feature_flags').select('id').where('key', '=', 'exp').executeTakeFirstOrThrow()).id);
    const findFlag = linkedFlagLookup(db, 1);
    const body = {
      session_recording_sample_rate: 0.1,
      session_recording_minimum_duration_milliseconds: 1500,
      session_recording_linked_flag: { id: flagId, key: 'exp', variant: 'test' },
      session_recording_url_trigger_config: [{ url: '/pricing$', matching: 'regex' }],
      session_recording_url_blocklist_config: [{ url: '/admin/', matching: 'regex' }],
      session_recording_event_trigger_config: ['checkout_started'],
      session_recording_trigger_match_type_config: 'all',
      capture_console_log_opt_in: false,
      capture_performance_opt_in: true,
      session_recording_network_payload_capture_config: { recordHeaders: true, recordBody: false },
      session_recording_network_redaction_config: { headers: ['x-api-key'], bodyKeys: ['password'] },
      session_recording_masking_config: { maskAllInputs: true, maskTextSelector: '.pii', blockSelector: 'iframe' },
      session_replay_config: { record_canvas: true },
      session_recording_retention_period: '1y',
    };
    const saved = (await repo.update(1, await projectSettingsFrom(body, settingsOf(first), findFlag)))!;
    const again = (await new ProjectRepository(db).findByToken('phc_first'))!;
    assert.deepEqual(again.replay, saved.replay);
    assert.equal(again.sessionRecordingRetentionDays, 365);
    const view = projectView(again, 15) as unknown as Record<string, unknown>;
    for (const [field, value] of Object.entries(body)) {
      assert.deepEqual(view[field], field === 'session_recording_sample_rate' ? '0.10' : value, field);
    }
    const captured = (await repo.captureProjects()).find(([token]) => token === 'phc_first')![1];
    assert.deepEqual(captured.networkRedaction, { headers: ['x-api-key'], bodyKeys: ['password'] }, 'capture gets the redaction rules');

    // Flags are looked up in the project only, among live flags.
    for (const key of ['gone', 'elsewhere']) {
      await assert.rejects(projectSettingsFrom({ session_recording_linked_flag: { key } }, settingsOf(again), findFlag), { code: 'does_not_exist' });
    }
    // Changing one field keeps the others.
    const one = (await repo.update(1, await projectSettingsFrom({ capture_console_log_opt_in: true }, settingsOf(again), findFlag)))!;
    assert.deepEqual(one.replay, { ...again.replay, consoleLogs: true });
  });
}
