import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeText, changeTone, countryName, flagEmoji, formatCount, formatDuration, formatFigure, formatPercent } from './web-format';

test('counts read plainly, and short once large', () => {
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(1234), '1,234');
  assert.equal(formatCount(99_999), '99,999');
  assert.equal(formatCount(123_456), '123.5K');
  assert.equal(formatCount(null), '–');
});

test('durations in seconds, minutes and seconds, or hours and minutes', () => {
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(46.25), '46s');
  assert.equal(formatDuration(59.6), '1m 0s');
  assert.equal(formatDuration(125), '2m 5s');
  assert.equal(formatDuration(3725), '1h 2m');
  assert.equal(formatDuration(null), '–');
});

test('figures are formatted by their kind; a missing value is a dash', () => {
  assert.equal(formatFigure('percentage', 25), '25%');
  assert.equal(formatFigure('percentage', 33.333), '33%');
  assert.equal(formatFigure('duration_s', 61.67), '1m 2s');
  assert.equal(formatFigure('unit', 8), '8');
  assert.equal(formatPercent(null), '–');
});

test('a rise is good news unless the figure says rises are bad (bounce rate); no change and no base are neutral', () => {
  assert.equal(changeTone({ changeFromPreviousPct: 100, isIncreaseBad: null }), 'good');
  assert.equal(changeTone({ changeFromPreviousPct: -20 }), 'bad');
  assert.equal(changeTone({ changeFromPreviousPct: 12, isIncreaseBad: true }), 'bad');
  assert.equal(changeTone({ changeFromPreviousPct: -50, isIncreaseBad: true }), 'good');
  assert.equal(changeTone({ changeFromPreviousPct: 0, isIncreaseBad: true }), 'flat');
  assert.equal(changeTone({ changeFromPreviousPct: null }), 'flat');
  assert.equal(changeText(167), '↑ 167%');
  assert.equal(changeText(-50), '↓ 50%');
  assert.equal(changeText(0), '0%');
});

test('countries show their flag and English name from the ISO code; anything else is left as it is', () => {
  assert.equal(flagEmoji('de'), '\u{1F1E9}\u{1F1EA}');
  assert.equal(flagEmoji('US'), '\u{1F1FA}\u{1F1F8}');
  assert.equal(flagEmoji('USA'), '');
  assert.equal(flagEmoji(null), '');
  assert.equal(countryName('GB'), 'United Kingdom');
  assert.equal(countryName('Narnia'), 'Narnia');
});
