import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../platform/app-error.js';
import { actionWriteFrom } from './action-input.js';
import type { ActionRecord } from './action-repository.js';

const fails = (attr: string, code = 'invalid_input') => (e: unknown) =>
  e instanceof AppError && e.status === 400 && e.type === 'validation_error' && e.attr === attr && e.code === code;

test('a create needs a non-blank name; the first bad field is named with its path', () => {
  assert.throws(() => actionWriteFrom({}, null), fails('name', 'required'));
  assert.throws(() => actionWriteFrom({ name: '  ' }, null), fails('name', 'blank'));
  assert.throws(() => actionWriteFrom({ name: 'x', steps: [{ url: '/a', url_matching: 'fuzzy' }] }, null), fails('steps__0__url_matching', 'invalid_choice'));
  assert.throws(() => actionWriteFrom({ name: 'x', steps: [{}, { properties: [{ value: 1 }] }] }, null), fails('steps__1__properties__0'));
  assert.throws(() => actionWriteFrom({ name: 'x', steps: 'signed_up' }, null), fails('steps'));
  assert.throws(() => actionWriteFrom({ name: 'x', deleted: 'yes' }, null), fails('deleted'));
  assert.throws(() => actionWriteFrom('x', null), (e: unknown) => e instanceof AppError && e.code === 'parse_error');
});

test('steps keep every ActionStepJSON field, with PostHog defaults for matching and unknown fields dropped', () => {
  const write = actionWriteFrom({ name: ' Clicked buy ', steps: [{ event: '$autocapture', text: 'Buy', href: '/buy', url: 'shop', extra: 1 }], bogus: true }, null);
  assert.equal(write.name, 'Clicked buy');
  assert.deepEqual(write.steps, [
    { event: '$autocapture', url: 'shop', text: 'Buy', href: '/buy', tag_name: null, selector: null, url_matching: 'contains', text_matching: 'exact', href_matching: 'exact', properties: [] },
  ]);
  assert.deepEqual([write.description, write.tags, write.deleted], ['', [], false]);
});

test('an update changes only the fields it sends', () => {
  const current: ActionRecord = {
    id: 1, teamId: 1, name: 'A', description: 'd', steps: [], tags: ['t'], createdAt: '', createdBy: null, updatedAt: '', deleted: false,
  };
  const write = actionWriteFrom({ deleted: true }, current);
  assert.deepEqual(write, { name: 'A', description: 'd', steps: [], tags: ['t'], deleted: true });
});
