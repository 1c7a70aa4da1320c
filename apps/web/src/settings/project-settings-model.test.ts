import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROJECT_TOGGLES, projectNameProblem, timezoneGroups, toggleIsOn, togglePatch } from './project-settings-model';

const toggle = (field: string) => PROJECT_TOGGLES.find((t) => t.field === field)!;

test('autocapture is on when the project has not opted out, and turning it off opts out', () => {
  const autocapture = toggle('autocapture_opt_out');
  assert.equal(toggleIsOn(autocapture, { anonymize_ips: false, autocapture_opt_out: false, session_recording_opt_in: false, capture_console_log_opt_in: true, capture_performance_opt_in: false }), true);
  assert.deepEqual(togglePatch(autocapture, false), { autocapture_opt_out: true });
  assert.deepEqual(togglePatch(autocapture, true), { autocapture_opt_out: false });
});

test('discard IP and session replay map straight onto their fields', () => {
  assert.deepEqual(togglePatch(toggle('anonymize_ips'), true), { anonymize_ips: true });
  assert.deepEqual(togglePatch(toggle('session_recording_opt_in'), false), { session_recording_opt_in: false });
  assert.equal(toggleIsOn(toggle('anonymize_ips'), { anonymize_ips: true, autocapture_opt_out: true, session_recording_opt_in: false, capture_console_log_opt_in: true, capture_performance_opt_in: false }), true);
});

test('timezones are grouped by region, with UTC and the current value always offered, regionless names last', () => {
  const groups = timezoneGroups(['Europe/Berlin', 'America/New_York', 'America/Argentina/Buenos_Aires', 'Europe/Amsterdam'], 'Asia/Calcutta');
  assert.deepEqual(groups, [
    { region: 'America', zones: ['America/Argentina/Buenos_Aires', 'America/New_York'] },
    { region: 'Asia', zones: ['Asia/Calcutta'] },
    { region: 'Europe', zones: ['Europe/Amsterdam', 'Europe/Berlin'] },
    { region: 'Other', zones: ['UTC'] },
  ]);
});

test('a timezone the browser already lists is not offered twice', () => {
  const zones = timezoneGroups(['UTC', 'Europe/Berlin'], 'Europe/Berlin').flatMap((g) => g.zones);
  assert.deepEqual(zones, ['Europe/Berlin', 'UTC']);
});

test('a project name must not be blank nor longer than 200 characters', () => {
  assert.match(projectNameProblem('   ')!, /blank/);
  assert.match(projectNameProblem('x'.repeat(201))!, /200/);
  assert.equal(projectNameProblem(' Shop '), null);
});
