import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_REPLAY_SETTINGS } from './replay-settings.js';
import { replaySettingsFrom, type FindFlag } from './replay-settings-input.js';
import { replaySettingsView } from './replay-settings-view.js';

const flags: FindFlag = async (key) =>
  key === 'beta' ? { id: 7, key: 'beta', variants: null } : key === 'exp' ? { id: 8, key: 'exp', variants: ['control', 'test'] } : null;
const read = (body: Record<string, unknown>) => replaySettingsFrom(body, DEFAULT_REPLAY_SETTINGS, 30, flags);
const problem = async (body: Record<string, unknown>) => {
  try {
    await read(body);
    return null;
  } catch (error) {
    const e = error as { code: string; attr: string; status: number };
    assert.equal(e.status, 400);
    return `${e.code}:${e.attr}`;
  }
};

test('fields not in the body keep their value; the defaults mask every input and keep 30 days', async () => {
  const { replay, retentionDays } = await read({ name: 'ignored' });
  assert.deepEqual(replay, DEFAULT_REPLAY_SETTINGS);
  assert.equal(retentionDays, 30);
  assert.equal(DEFAULT_REPLAY_SETTINGS.masking.maskAllInputs, true);
});

test('every PostHog field is read into the settings, and the view gives the same values back', async () => {
  const body = {
    session_recording_sample_rate: '0.25',
    session_recording_minimum_duration_milliseconds: 2000,
    session_recording_linked_flag: { id: 8, key: 'exp', variant: 'test' },
    session_recording_url_trigger_config: [{ url: '/checkout/.*', matching: 'regex' }],
    session_recording_url_blocklist_config: [{ url: '^https://shop\\.example/admin', matching: 'regex' }],
    session_recording_event_trigger_config: ['signed_up', ' signed_up '],
    session_recording_trigger_match_type_config: 'any',
    capture_console_log_opt_in: false,
    capture_performance_opt_in: true,
    session_recording_network_payload_capture_config: { recordHeaders: true, recordBody: true },
    session_recording_network_redaction_config: { headers: ['X-Api-Key'], bodyKeys: ['password'] },
    session_recording_masking_config: { maskAllInputs: false, maskTextSelector: '.secret', blockSelector: '#card' },
    session_replay_config: { record_canvas: true },
    session_recording_retention_period: '90d',
  };
  const { replay, retentionDays } = await read(body);
  assert.deepEqual(replay, {
    sampleRate: 0.25,
    minimumDurationMs: 2000,
    linkedFlag: { id: 8, key: 'exp', variant: 'test' },
    urlTriggers: [{ url: '/checkout/.*', matching: 'regex' }],
    urlBlocklist: [{ url: '^https://shop\\.example/admin', matching: 'regex' }],
    eventTriggers: ['signed_up'],
    triggerMatchType: 'any',
    consoleLogs: false,
    networkTiming: true,
    recordHeaders: true,
    recordBody: true,
    networkRedaction: { headers: ['x-api-key'], bodyKeys: ['password'] },
    masking: { maskAllInputs: false, maskTextSelector: '.secret', blockSelector: '#card' },
    recordCanvas: true,
  });
  assert.equal(retentionDays, 90);
  const view = replaySettingsView(replay, retentionDays);
  assert.deepEqual(view, {
    ...body,
    session_recording_sample_rate: '0.25',
    session_recording_event_trigger_config: ['signed_up'],
    session_recording_network_redaction_config: { headers: ['x-api-key'], bodyKeys: ['password'] },
  });
  // What the view shows can be sent back as it is.
  assert.deepEqual((await read(view as unknown as Record<string, unknown>)).replay, replay);
});

test('null resets a field to its default; masking left out keeps maskAllInputs on', async () => {
  const nulls = await replaySettingsFrom(
    {
      session_recording_sample_rate: null,
      session_recording_minimum_duration_milliseconds: null,
      session_recording_linked_flag: null,
      session_recording_url_trigger_config: null,
      session_recording_network_payload_capture_config: null,
      session_recording_masking_config: null,
    },
    { ...DEFAULT_REPLAY_SETTINGS, sampleRate: 0.5, minimumDurationMs: 1000, recordBody: true, masking: { maskAllInputs: false, maskTextSelector: 'p', blockSelector: null } },
    30,
    flags,
  );
  assert.deepEqual(nulls.replay, DEFAULT_REPLAY_SETTINGS);
  assert.deepEqual((await read({ session_recording_masking_config: { maskTextSelector: '.pii' } })).replay.masking, { maskAllInputs: true, maskTextSelector: '.pii', blockSelector: null });
  assert.equal((await read({ session_recording_sample_rate: 1 })).replay.sampleRate, 1);
  assert.equal((await read({ session_recording_sample_rate: 0 })).replay.sampleRate, 0);
  assert.deepEqual((await read({ session_recording_linked_flag: { key: 'beta' } })).replay.linkedFlag, { id: 7, key: 'beta', variant: null });
});

test('bad values are refused with the field named', async () => {
  assert.equal(await problem({ session_recording_sample_rate: 1.5 }), 'invalid:session_recording_sample_rate');
  assert.equal(await problem({ session_recording_sample_rate: -0.1 }), 'invalid:session_recording_sample_rate');
  assert.equal(await problem({ session_recording_sample_rate: 'half' }), 'invalid:session_recording_sample_rate');
  assert.equal(await problem({ session_recording_sample_rate: 0.125 }), 'max_decimal_places:session_recording_sample_rate');
  assert.equal(await problem({ session_recording_minimum_duration_milliseconds: -1 }), 'invalid:session_recording_minimum_duration_milliseconds');
  assert.equal(await problem({ session_recording_minimum_duration_milliseconds: 30_001 }), 'invalid:session_recording_minimum_duration_milliseconds');
  assert.equal(await problem({ session_recording_minimum_duration_milliseconds: 1.5 }), 'invalid:session_recording_minimum_duration_milliseconds');
  assert.equal(await problem({ session_recording_linked_flag: { id: 1, key: 'nope' } }), 'does_not_exist:session_recording_linked_flag');
  assert.equal(await problem({ session_recording_linked_flag: { id: 1, key: 'beta' } }), 'invalid_input:session_recording_linked_flag');
  assert.equal(await problem({ session_recording_linked_flag: { id: 8, key: 'exp', variant: 'other' } }), 'invalid_choice:session_recording_linked_flag');
  assert.equal(await problem({ session_recording_linked_flag: { id: 7, key: 'beta', variant: 'x' } }), 'invalid_choice:session_recording_linked_flag');
  assert.equal(await problem({ session_recording_linked_flag: 'beta' }), 'invalid_input:session_recording_linked_flag');
  assert.equal(await problem({ session_recording_url_trigger_config: [{ url: '(unclosed', matching: 'regex' }] }), 'invalid_regex:session_recording_url_trigger_config__0');
  assert.equal(await problem({ session_recording_url_blocklist_config: [{ url: '/ok' }, { url: '[a-' }] }), 'invalid_regex:session_recording_url_blocklist_config__1');
  assert.equal(await problem({ session_recording_url_blocklist_config: [{ url: '/ok', matching: 'exact' }] }), 'invalid_choice:session_recording_url_blocklist_config__0');
  assert.equal(await problem({ session_recording_url_blocklist_config: '/admin' }), 'not_a_list:session_recording_url_blocklist_config');
  assert.equal(await problem({ session_recording_event_trigger_config: [''] }), 'blank:session_recording_event_trigger_config__0');
  assert.equal(await problem({ session_recording_trigger_match_type_config: 'some' }), 'invalid_choice:session_recording_trigger_match_type_config');
  assert.equal(await problem({ capture_console_log_opt_in: 'no' }), 'invalid_input:capture_console_log_opt_in');
  assert.equal(await problem({ session_recording_network_payload_capture_config: { recordCookies: true } }), 'invalid_input:session_recording_network_payload_capture_config');
  assert.equal(await problem({ session_recording_network_redaction_config: { headers: ['bad header'] } }), 'invalid_input:session_recording_network_redaction_config__headers__0');
  assert.equal(await problem({ session_recording_network_redaction_config: { bodyKeys: [' '] } }), 'blank:session_recording_network_redaction_config__bodyKeys__0');
  assert.equal(await problem({ session_recording_masking_config: { maskTextSelector: '' } }), 'blank:session_recording_masking_config__maskTextSelector');
  assert.equal(await problem({ session_recording_masking_config: { maskAllInputs: 'yes' } }), 'invalid_input:session_recording_masking_config__maskAllInputs');
  assert.equal(await problem({ session_recording_masking_config: { maskAll: true } }), 'invalid_input:session_recording_masking_config');
  assert.equal(await problem({ session_recording_retention_period: '7d' }), 'invalid_choice:session_recording_retention_period');
  assert.equal(await problem({ session_recording_url_trigger_config: Array.from({ length: 101 }, () => ({ url: 'a' })) }), 'max_length:session_recording_url_trigger_config');
});
