import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RE2JS } from 're2js';
import { selectorRegex } from './element-selector.js';

// Chains as posthog-js writes them: the clicked element first, then its ancestors; classes and attributes sorted.
const BUTTON = 'button.btn.btn-primary:attr__data-attr="signup"attr_id="go"nth-child="2"nth-of-type="1"text="Sign up"';
const FORM = 'form.signup-form:attr__style="display: flex; gap: 4px"nth-child="1"nth-of-type="1"';
const DIV = 'div.container:nth-child="1"nth-of-type="1"';
const CHAIN = `${BUTTON};${FORM};${DIV};body:nth-child="2"nth-of-type="1"`;
const LINK = 'span:nth-child="1"nth-of-type="1"text="Docs";a.nav:href="/docs"nth-child="3"nth-of-type="3";nav;body';

const matches = (selector: string, chain: string) => RE2JS.compile(selectorRegex(selector)).test(chain);

test('a selector matches the clicked element and its ancestors, in RE2 (as ClickHouse runs it)', () => {
  const yes = [
    'button', '.btn', 'button.btn-primary', '.btn-primary.btn', '#go', 'button#go', '[data-attr="signup"]',
    "[data-attr='signup']", '[data-attr=signup]', '[data-attr]', 'button:nth-child(2)', 'form > button', 'form button',
    'div button', 'div > form > button.btn', 'body button', '*', '* > button', 'BUTTON',
  ];
  for (const selector of yes) assert.equal(matches(selector, CHAIN), true, selector);
  const no = [
    'a', '.btn-prim', '.primary', '#g', '[data-attr="sign"]', '[data-x]', 'button:nth-child(1)', 'div > button',
    'button > form', 'button form', 'form.btn', 'section button', '.container > button',
  ];
  for (const selector of no) assert.equal(matches(selector, CHAIN), false, selector);
});

test('quoted attribute values may hold semicolons and escaped quotes without breaking elements apart', () => {
  assert.equal(matches('[style="display: flex; gap: 4px"] > button', CHAIN), true);
  assert.equal(matches('[style="display: flex"]', CHAIN), false);
  const quoted = 'button:attr__title="say \\"hi\\""nth-child="1"nth-of-type="1"';
  assert.equal(matches('[title=\'say "hi"\']', quoted), true);
  assert.equal(matches('[title="say \\"hi\\""]', quoted), true);
  assert.equal(matches('[title="say"]', quoted), false);
});

test('href and text are chain attributes of their own; the clicked span inside a link matches `a span`', () => {
  assert.equal(matches('a[href="/docs"] > span', LINK), true);
  assert.equal(matches('nav a.nav span', LINK), true);
  assert.equal(matches('a > a', LINK), false);
});

test('selectors beyond the supported subset are refused rather than guessed', () => {
  for (const selector of ['a:hover', 'a + b', 'a ~ b', 'a, b', '[x~="y"]', '', '> a', 'a >', '.']) {
    assert.throws(() => selectorRegex(selector), { code: 'unsupported' }, selector);
  }
});
