import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deletedNoticeOf, offsetParam, personDeletePath } from './person-model';

test('deleting with events asks for delete_events; without, the plain delete', () => {
  assert.equal(personDeletePath(1, '0190-abc', true), '/api/projects/1/persons/0190-abc/?delete_events=true');
  assert.equal(personDeletePath(2, '0190-abc', false), '/api/projects/2/persons/0190-abc/');
});

test('the deleted notice is read only from a state that carries one', () => {
  assert.deepEqual(deletedNoticeOf({ deleted: { name: 'ana@x.test', withEvents: true } }), { name: 'ana@x.test', withEvents: true });
  assert.deepEqual(deletedNoticeOf({ deleted: { name: 'bob' } }), { name: 'bob', withEvents: false });
  assert.equal(deletedNoticeOf(null), null);
  assert.equal(deletedNoticeOf({ deleted: 'x' }), null);
  assert.equal(deletedNoticeOf({ deleted: { name: 3 } }), null);
});

test('the offset is read from the URL only when it is a whole number of rows', () => {
  assert.equal(offsetParam('100'), 100);
  assert.equal(offsetParam('-5'), 0);
  assert.equal(offsetParam('1.5'), 0);
  assert.equal(offsetParam(null), 0);
});
