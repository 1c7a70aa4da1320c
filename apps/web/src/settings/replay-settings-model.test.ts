import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProjectApi } from '@warren/shared/projects-api';
import { replayFormOf, replayPatchOf } from './replay-settings-model';

const stored = {
  session_recording_sample_rate: '0.50',
  session_recording_minimum_duration_milliseconds: 2000,
  session_recording_linked_flag: { id: 3, key: 'beta', variant: 'test' },
  session_recording_url_trigger_config: [{ url: '/pricing', matching: 'regex' }],
  session_recording_url_blocklist_config: [{ url: '/admin/.*', matching: 'regex' }, { url: '/billing', matching: 'regex' }],
  session_recording_event_trigger_config: ['signed_up'],
  session_recording_trigger_match_type_config: 'any',
  session_recording_network_payload_capture_config: { recordHeaders: true, recordBody: false },
  session_recording_network_redaction_config: { headers: ['x-api-key'], bodyKeys: ['password', 'token'] },
  session_recording_masking_config: { maskAllInputs: true, maskTextSelector: '.pii', blockSelector: null },
  session_recording_retention_period: '90d',
} as const;

test('a stored project fills the form, and saving the form unchanged sends the same settings back', () => {
  const form = replayFormOf(stored as unknown as ProjectApi);
  assert.equal(form.samplePercent, '50');
  assert.equal(form.urlBlocklist, '/admin/.*\n/billing');
  assert.equal(form.redactBodyKeys, 'password\ntoken');
  const { patch } = replayPatchOf(form);
  assert.deepEqual(patch, { ...stored, session_recording_linked_flag: { key: 'beta', variant: 'test' } });
});

test('blank fields mean "no limit", and list fields take one entry per line or comma', () => {
  const form = { ...replayFormOf(stored as unknown as ProjectApi), samplePercent: '', minimumDurationMs: '', linkedFlagKey: ' ', urlBlocklist: ' /a \n\n/b', redactHeaders: 'a, b' };
  const { patch } = replayPatchOf(form);
  assert.equal(patch!.session_recording_sample_rate, null);
  assert.equal(patch!.session_recording_minimum_duration_milliseconds, null);
  assert.equal(patch!.session_recording_linked_flag, null);
  assert.deepEqual(patch!.session_recording_url_blocklist_config, [{ url: '/a', matching: 'regex' }, { url: '/b', matching: 'regex' }]);
  assert.deepEqual(patch!.session_recording_network_redaction_config?.headers, ['a', 'b']);
});

test('a sample rate outside 0..100 % or a URL pattern that is no regular expression is refused before saving', () => {
  const form = replayFormOf(stored as unknown as ProjectApi);
  assert.match(replayPatchOf({ ...form, samplePercent: '101' }).problem!, /0 to 100/);
  assert.match(replayPatchOf({ ...form, samplePercent: '12.5' }).problem!, /0 to 100/);
  assert.match(replayPatchOf({ ...form, urlTriggers: '/ok\n(broken' }).problem!, /"\(broken" is not a valid regular expression/);
  assert.equal(replayPatchOf({ ...form, samplePercent: '0' }).patch!.session_recording_sample_rate, '0.00');
});
