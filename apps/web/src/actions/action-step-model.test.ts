import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActionStepApi } from '@warren/shared/actions-api';
import { actionBody, actionFormState, actionProblems, newStep, stepFromApi, stepSummary, stepToApi, stepsSummary } from './action-step-model';

const NULLS = { event: null, url: null, url_matching: null, text: null, text_matching: null, href: null, href_matching: null, selector: null, tag_name: null, properties: [] };

test('a pageview step sends $pageview with its URL rule, and nothing of an element', () => {
  const step = { ...newStep('pageview'), url: ' /pricing ', text: 'left over from autocapture' };
  assert.deepEqual(stepToApi(step), { ...NULLS, event: '$pageview', url: '/pricing', url_matching: 'contains' });
});

test('an autocapture step sends the element fields set, each with its matching; an event step its name and filters', () => {
  const click = { ...newStep('autocapture'), text: 'Sign up', href: '/signup', hrefMatching: 'contains' as const, selector: 'button.cta' };
  assert.deepEqual(stepToApi(click), {
    ...NULLS,
    event: '$autocapture',
    text: 'Sign up',
    text_matching: 'exact',
    href: '/signup',
    href_matching: 'contains',
    selector: 'button.cta',
  });
  const custom = { ...newStep('event'), event: 'purchase', url: '/ignored', properties: [{ key: 'plan', type: 'event' as const, operator: 'exact' as const, value: 'pro' }, { key: '', type: 'event' as const }] };
  assert.deepEqual(stepToApi(custom), { ...NULLS, event: 'purchase', properties: [{ key: 'plan', type: 'event', operator: 'exact', value: 'pro' }] });
});

test('stored steps read back into the same form and write back unchanged', () => {
  const stored: ActionStepApi[] = [
    { ...NULLS, event: '$pageview', url: '^/blog/.*$', url_matching: 'regex' },
    { ...NULLS, event: '$autocapture', text: 'Buy', text_matching: 'contains', selector: '#buy', url: '/shop', url_matching: 'exact' },
    { ...NULLS, event: 'signed_up', properties: [{ key: 'source', type: 'person', operator: 'icontains', value: 'ads' }] },
  ];
  const form = actionFormState({ name: 'Engaged', description: 'd', steps: stored });
  assert.deepEqual(form.steps.map((s) => s.kind), ['pageview', 'autocapture', 'event']);
  assert.deepEqual(actionBody(form), { name: 'Engaged', description: 'd', steps: stored });
  assert.equal(stepFromApi({ event: 'x', properties: [{ key: 'a' }] }).properties[0]!.type, 'event', 'a filter without a type is an event filter');
});

test('an action needs a name, steps, an event name for event steps, something to match for clicks, and valid regexes', () => {
  assert.deepEqual(actionProblems(actionFormState(null)), ['Give the action a name.', 'Step 1: name the event.']);
  assert.deepEqual(actionProblems({ name: 'a', description: '', steps: [] }), ['Add at least one step.']);
  assert.deepEqual(actionProblems({ name: 'a', description: '', steps: [newStep('autocapture'), { ...newStep('pageview'), url: '(', urlMatching: 'regex' }] }), [
    'Step 1: describe the element (text, link, selector or URL), or every autocaptured click would match.',
    'Step 2: the URL is not a valid regular expression.',
  ]);
  assert.deepEqual(actionProblems({ name: 'a', description: '', steps: [newStep('pageview')] }), [], 'every pageview is a fine step');
});

test('steps read as a sentence in lists, joined by "or"', () => {
  assert.equal(stepSummary({ ...NULLS, event: '$pageview', url: '/pricing', url_matching: 'contains' }), 'Pageview where URL contains “/pricing”');
  assert.equal(stepSummary({ ...NULLS, event: '$autocapture', text: 'Buy', text_matching: 'exact', selector: '#buy' }), 'Autocapture where text matches exactly “Buy”, selector #buy');
  assert.equal(
    stepsSummary([{ ...NULLS, event: 'purchase', properties: [{ key: 'plan' }] }, { ...NULLS }]),
    'purchase where 1 property filter or Any event',
  );
  assert.equal(stepsSummary([]), 'No steps');
});
