import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hConstant, hField, type HCall } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';
import { templateExpr, templateSelect } from './hogql-template.js';

const TEMPLATE = 'plus({a}, intDiv({b}, 2))';

test('a template is filled with the nodes given, in a fresh tree each time', async () => {
  const a = hField('x');
  const first = (await templateExpr(TEMPLATE, { a, b: hConstant(7) })) as HCall;
  assert.equal(first.name, 'plus');
  assert.equal(first.args[0], a);
  assert.deepEqual((first.args[1] as HCall).args[0], hConstant(7));
  // Changing one result leaves the cached template, and so the next fill, as they were.
  first.name = 'minus';
  (first.args[1] as HCall).name = 'multiply';
  const second = (await templateExpr(TEMPLATE, { a: hField('y'), b: hConstant(8) })) as HCall;
  assert.equal(second.name, 'plus');
  assert.equal((second.args[1] as HCall).name, 'intDiv');
  assert.deepEqual(second.args[0], hField('y'));
});

test('a SELECT template fills its holes too', async () => {
  const query = await templateSelect('SELECT count() FROM events WHERE {where}', { where: hConstant(true) });
  assert.deepEqual((query as { where: unknown }).where, hConstant(true));
});

test('a placeholder without a value is refused', async () => {
  await assert.rejects(templateExpr('plus({a}, {b})', { a: hConstant(1) }), (error: unknown) => error instanceof HogQLError && /\{b\}/.test(error.message));
});
