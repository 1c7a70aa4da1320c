import assert from 'node:assert/strict';
import { test } from 'node:test';
import { projectSettingsFrom } from './project-input.js';
import { DEFAULT_PROJECT_SETTINGS } from './project-repository.js';

const attrOf = async (body: unknown) => {
  try {
    await projectSettingsFrom(body, DEFAULT_PROJECT_SETTINGS);
    return null;
  } catch (error) {
    return (error as { code: string; attr: string | null }).code + ':' + (error as { attr: string | null }).attr;
  }
};

test('a partial update keeps the other settings and ignores read-only and unknown fields', async () => {
  const settings = await projectSettingsFrom(
    { timezone: 'America/New_York', week_start_day: 1, anonymize_ips: true, api_token: 'phc_mine', id: 9, nonsense: 1 },
    DEFAULT_PROJECT_SETTINGS,
  );
  assert.deepEqual(settings, { ...DEFAULT_PROJECT_SETTINGS, timezone: 'America/New_York', weekStartDay: 1, anonymizeIps: true });
  assert.equal((await projectSettingsFrom({ week_start_day: null, autocapture_opt_out: null }, { ...DEFAULT_PROJECT_SETTINGS, weekStartDay: 1 })).weekStartDay, 0);
});

test('timezones must be IANA names the runtime knows, and week_start_day 0, 1 or null', async () => {
  assert.equal(await attrOf({ timezone: 'Mars/Olympus_Mons' }), 'invalid_choice:timezone');
  assert.equal(await attrOf({ timezone: "UTC'; DROP TABLE events" }), 'invalid_choice:timezone');
  assert.equal(await attrOf({ timezone: 3 }), 'invalid_choice:timezone');
  assert.equal(await attrOf({ timezone: 'Asia/Kolkata' }), null);
  assert.equal(await attrOf({ week_start_day: 2 }), 'invalid_choice:week_start_day');
});

test('names, booleans and test account filters are checked', async () => {
  assert.equal(await attrOf({ name: '  ' }), 'blank:name');
  assert.equal(await attrOf({ name: 'x'.repeat(201) }), 'max_length:name');
  assert.equal(await attrOf({ anonymize_ips: 'yes' }), 'invalid_input:anonymize_ips');
  assert.equal(await attrOf({ test_account_filters: {} }), 'invalid_input:test_account_filters');
  assert.equal(await attrOf({ test_account_filters: [{ value: 'x' }] }), 'invalid_input:test_account_filters__0');
  assert.equal(await attrOf({ test_account_filters: [{ key: 'email', type: 'person', operator: 'no_such_operator', value: 'x' }] }), 'invalid_input:test_account_filters');
  const filters = [{ key: 'email', type: 'person', operator: 'not_icontains', value: '@test.com' }];
  assert.deepEqual((await projectSettingsFrom({ test_account_filters: filters }, DEFAULT_PROJECT_SETTINGS)).testAccountFilters, filters);
});
