import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

test('defaults: port 8000, ./data, fsync on, no bootstrap secrets', () => {
  const config = loadConfig({}, '/srv/warren');
  assert.equal(config.port, 8000);
  assert.equal(config.dataDir, '/srv/warren/data');
  assert.equal(config.ingest.fsync, true);
  assert.equal(config.bootstrap.personalApiKey, null);
});

test('PORT and WARREN_DATA_DIR override the defaults', () => {
  const config = loadConfig({ PORT: '9000', WARREN_DATA_DIR: '/tmp/x' });
  assert.equal(config.port, 9000);
  assert.equal(config.dataDir, '/tmp/x');
});

test('every bad variable is named in one error, nothing falls back silently', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', WARREN_TRUST_PROXY: 'maybe', WARREN_BOOTSTRAP_PROJECT_TOKEN: 'abc', WARREN_LOG_LEVEL: 'loud' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const text = error.message;
      for (const name of ['PORT', 'WARREN_TRUST_PROXY', 'WARREN_BOOTSTRAP_PROJECT_TOKEN', 'WARREN_LOG_LEVEL']) assert.ok(text.includes(name), name);
      assert.equal(error.problems.length, 4);
      return true;
    },
  );
});

test('cohorts refresh every 5 minutes unless WARREN_COHORT_REFRESH_INTERVAL_MS says otherwise, within 1 s to 1 day', () => {
  assert.equal(loadConfig({}).cohorts.refreshIntervalMs, 300_000);
  assert.equal(loadConfig({ WARREN_COHORT_REFRESH_INTERVAL_MS: '2000' }).cohorts.refreshIntervalMs, 2_000);
  assert.throws(() => loadConfig({ WARREN_COHORT_REFRESH_INTERVAL_MS: '10' }), /WARREN_COHORT_REFRESH_INTERVAL_MS/);
});
