import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_REPLAY_SETTINGS } from '../replay/settings/replay-settings.js';
import { capturePerformanceConfig, sessionRecordingConfig } from './session-recording-config.js';

test('the defaults: every session, console logs, inputs masked, no network payloads, no triggers', () => {
  assert.deepEqual(sessionRecordingConfig(DEFAULT_REPLAY_SETTINGS), {
    endpoint: '/s/',
    consoleLogRecordingEnabled: true,
    recorderVersion: 'v2',
    sampleRate: null,
    minimumDurationMilliseconds: null,
    linkedFlag: null,
    networkPayloadCapture: null,
    masking: { maskAllInputs: true },
    urlTriggers: [],
    urlBlocklist: [],
    eventTriggers: [],
    recordCanvas: false,
    canvasFps: null,
    canvasQuality: null,
    scriptConfig: { script: 'posthog-recorder' },
  });
  assert.equal(capturePerformanceConfig(DEFAULT_REPLAY_SETTINGS), false);
});

test('settings become the shapes posthog-js reads', () => {
  const config = sessionRecordingConfig({
    ...DEFAULT_REPLAY_SETTINGS,
    sampleRate: 0.5,
    minimumDurationMs: 2000,
    linkedFlag: { id: 8, key: 'exp', variant: 'test' },
    urlTriggers: [{ url: '/checkout', matching: 'regex' }],
    urlBlocklist: [{ url: '/admin', matching: 'regex' }],
    eventTriggers: ['signed_up'],
    triggerMatchType: 'any',
    consoleLogs: false,
    networkTiming: true,
    recordBody: true,
    masking: { maskAllInputs: false, maskTextSelector: '.secret', blockSelector: '#card' },
    recordCanvas: true,
  });
  assert.equal(config.sampleRate, '0.5');
  assert.equal(config.minimumDurationMilliseconds, 2000);
  assert.deepEqual(config.linkedFlag, { flag: 'exp', variant: 'test' });
  assert.deepEqual(config.urlTriggers, [{ url: '/checkout', matching: 'regex' }]);
  assert.deepEqual(config.urlBlocklist, [{ url: '/admin', matching: 'regex' }]);
  assert.deepEqual(config.eventTriggers, ['signed_up']);
  assert.equal(config.triggerMatchType, 'any');
  assert.equal(config.consoleLogRecordingEnabled, false);
  assert.deepEqual(config.networkPayloadCapture, { recordHeaders: false, recordBody: true });
  assert.deepEqual(config.masking, { maskAllInputs: false, maskTextSelector: '.secret', blockSelector: '#card' });
  assert.deepEqual([config.recordCanvas, config.canvasFps, config.canvasQuality], [true, 3, '0.4']);
  assert.deepEqual(capturePerformanceConfig({ ...DEFAULT_REPLAY_SETTINGS, networkTiming: true }), { network_timing: true, web_vitals: false });
});

test('a flag without variant is sent as its key; rate 1 and duration 0 are sent as "no limit", rate 0 as "0"', () => {
  assert.equal(sessionRecordingConfig({ ...DEFAULT_REPLAY_SETTINGS, linkedFlag: { id: 7, key: 'beta', variant: null } }).linkedFlag, 'beta');
  assert.equal(sessionRecordingConfig({ ...DEFAULT_REPLAY_SETTINGS, sampleRate: 1 }).sampleRate, null);
  assert.equal(sessionRecordingConfig({ ...DEFAULT_REPLAY_SETTINGS, sampleRate: 0 }).sampleRate, '0');
  assert.equal(sessionRecordingConfig({ ...DEFAULT_REPLAY_SETTINGS, minimumDurationMs: 0 }).minimumDurationMilliseconds, null);
});
