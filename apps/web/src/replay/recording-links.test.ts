import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventRecordingPath, recordingPath } from './recording-links';

test('the player path carries the offset in whole milliseconds when given', () => {
  assert.equal(recordingPath(1, 'sess-1'), '/project/1/replay/sess-1');
  assert.equal(recordingPath(1, 'sess-1', 5000.4), '/project/1/replay/sess-1?t=5000');
  assert.equal(recordingPath(2, 'a/b', -3), '/project/2/replay/a%2Fb?t=0');
});

test("an event links to its session's recording at its own time, and only when it has a session", () => {
  assert.equal(eventRecordingPath(1, { timestamp: '2024-05-01T12:00:05Z', properties: { $session_id: 's1' } }), '/project/1/replay/s1?at=2024-05-01T12%3A00%3A05Z');
  assert.equal(eventRecordingPath(1, { timestamp: '2024-05-01T12:00:05Z', properties: {} }), null);
  assert.equal(eventRecordingPath(1, { timestamp: '2024-05-01T12:00:05Z', properties: { $session_id: '' } }), null);
});
