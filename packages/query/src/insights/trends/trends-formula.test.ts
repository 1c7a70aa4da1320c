import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { evaluateFormula, formulaSeries, parseFormula } from './trends-formula.js';

const value = (formula: string, values: number[]) => evaluateFormula(parseFormula(formula, values.length), values);

test('letters name series in order, case-insensitively, and numbers are constants', () => {
  assert.equal(value('A + B', [2, 3]), 5);
  assert.equal(value('a*100/b', [1, 4]), 25);
  assert.equal(value('C - 1.5', [0, 0, 10]), 8.5);
  assert.equal(value('.5 * A', [4]), 2);
  assert.equal(value('1e2 + A', [1]), 101);
});

test('precedence and associativity follow Python, as in PostHog', () => {
  assert.equal(value('A + B * 2', [1, 3]), 7);
  assert.equal(value('(A + B) * 2', [1, 3]), 8);
  assert.equal(value('A - B - 1', [10, 3]), 6);
  assert.equal(value('A / B / 2', [8, 2]), 2);
  assert.equal(value('2 ** 3 ** 2', []), 512);
  assert.equal(value('-2 ** 2', []), -4);
  assert.equal(value('2 ** -1', []), 0.5);
  assert.equal(value('A * -B', [2, 3]), -6);
  assert.equal(value('--A', [3]), 3);
  assert.equal(value('-7 % 3', []), 2, 'the remainder takes the sign of the divisor');
  assert.equal(value('7 % -3', []), -2);
});

test('division and modulo by zero give 0, and so does any non-finite result', () => {
  assert.equal(value('A / B', [5, 0]), 0);
  assert.equal(value('A % B', [5, 0]), 0);
  assert.equal(value('0 ** -1', []), 0);
  assert.equal(value('(0 - 8) ** 0.5', []), 0);
  assert.equal(value('10 ** 400', []), 0);
});

test('formulaSeries applies the formula bucket by bucket', () => {
  assert.deepEqual(formulaSeries(parseFormula('A / B * 100', 2), [[1, 2, 3], [2, 0, 4]]), [50, 0, 75]);
});

test('anything but arithmetic over known series is a syntax error with a readable message', () => {
  const cases: [string, RegExp][] = [
    ['A + C', /references series C, but only 2 series are defined \(A, B\)/],
    ['AB', /references series AB/],
    ['sum(A)', /not SUM\(\)/],
    ['A; drop table events', /unexpected ";"/],
    ['A +', /ends too early/],
    ['(A + B', /not closed/],
    ['A B', /Unexpected "B"/],
    ['', /cannot be empty/],
    ["__import__('os')", /unexpected "'"/],
    ['A.x', /unexpected "."/],
    ['A == B', /unexpected "="/],
  ];
  for (const [formula, message] of cases) {
    assert.throws(() => parseFormula(formula, 2), (e: unknown) => e instanceof HogQLError && e.code === 'syntax_error' && message.test(e.detail), formula);
  }
});

test('huge or deeply nested formulas are refused instead of exhausting the stack', () => {
  assert.throws(() => parseFormula('A+'.repeat(600) + 'A', 1), /at most 1000 characters/);
  assert.throws(() => parseFormula('('.repeat(200) + 'A' + ')'.repeat(200), 1), /nested too deeply/);
  assert.throws(() => parseFormula('-'.repeat(500) + 'A', 1), /nested too deeply/);
});
