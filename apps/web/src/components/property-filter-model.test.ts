import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterValue, operatorTakesValue, typedValue } from './property-filter-model';

test('comparison operators send numbers when the text is a number', () => {
  assert.equal(filterValue('gt', '3'), 3);
  assert.equal(filterValue('lte', ' 2.5 '), 2.5);
  assert.equal(filterValue('gt', 'abc'), 'abc');
});

test('equality with commas becomes a list, and a list shows back as the same text', () => {
  assert.deepEqual(filterValue('exact', 'Chrome, Firefox,'), ['Chrome', 'Firefox']);
  assert.equal(typedValue(['Chrome', 'Firefox']), 'Chrome, Firefox');
  assert.equal(filterValue('icontains', 'a,b'), 'a,b');
});

test('is set and is not set take no value', () => {
  assert.equal(operatorTakesValue('is_set'), false);
  assert.equal(filterValue('is_not_set', 'x'), null);
  assert.equal(operatorTakesValue('exact'), true);
});
