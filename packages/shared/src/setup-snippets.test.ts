import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlSnippet, setupSnippets } from './setup-snippets.js';

const target = { token: 'phc_abc', host: 'http://localhost:8000' };

test('the HTML snippet loads array.js from the given host and initialises with the project token', () => {
  const html = htmlSnippet(target);
  assert.match(html, /^<script>/);
  assert.match(html, /s\.api_host\+"\/static\/array\.js"/);
  assert.match(html, /posthog\.init\('phc_abc', \{ api_host: 'http:\/\/localhost:8000', person_profiles: 'identified_only' \}\)/);
});

test('template snippets carry the loader and identify the signed-in user in each template language', () => {
  const all = setupSnippets(target);
  assert.ok(all.flaskJinja.includes(htmlSnippet(target)));
  assert.match(all.flaskJinja, /current_user\.is_authenticated/);
  assert.match(all.django, /\{% if user\.is_authenticated %\}/);
});

test('server snippets point posthog-python and posthog-node at the host', () => {
  const all = setupSnippets(target);
  assert.match(all.python, /Posthog\('phc_abc', host='http:\/\/localhost:8000'\)/);
  assert.match(all.node, /new PostHog\('phc_abc', \{ host: 'http:\/\/localhost:8000' \}\)/);
});

test('quotes in values cannot break out of the string literal', () => {
  const all = setupSnippets({ token: "phc_'x", host: "http://h/'); alert(1); ('" });
  assert.match(all.python, /Posthog\('phc_\\'x', host='http:\/\/h\/\\'\); alert\(1\); \(\\''\)/);
});
