import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { expandSnapshotEvent } from './snapshot-expand.js';

const latin1Gzip = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value))).toString('latin1');

test('a compressed full snapshot comes back as plain rrweb without the cv marker', () => {
  const node = { type: 0, childNodes: [{ type: 2, tagName: 'p', attributes: {}, childNodes: [{ type: 3, textContent: 'héllo ✓' }] }] };
  const expanded = expandSnapshotEvent({ type: 2, cv: '2024-10', timestamp: 5, data: latin1Gzip({ node, initialOffset: { top: 0, left: 0 } }) });
  assert.deepEqual(expanded, { type: 2, timestamp: 5, data: { node, initialOffset: { top: 0, left: 0 } } });
});

test('a compressed mutation expands each compressed field and keeps the others', () => {
  const adds = [{ parentId: 1, nextId: null, node: { type: 3, textContent: 'x', id: 9 } }];
  const expanded = expandSnapshotEvent({ type: 3, cv: '2024-10', timestamp: 6, data: { source: 0, adds: latin1Gzip(adds), texts: latin1Gzip([]), removes: latin1Gzip([]), attributes: latin1Gzip([]), isAttachIframe: true } });
  assert.deepEqual(expanded, { type: 3, timestamp: 6, data: { source: 0, adds, texts: [], removes: [], attributes: [], isAttachIframe: true } });
});

test('plain events and events that do not expand are kept as they came', () => {
  const plain = { type: 3, timestamp: 1, data: { source: 2, type: 2 } };
  assert.equal(expandSnapshotEvent(plain), plain);
  const corrupt = { type: 2, cv: '2024-10', timestamp: 1, data: 'not gzip' };
  assert.equal(expandSnapshotEvent(corrupt), corrupt);
});
