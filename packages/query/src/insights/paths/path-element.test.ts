import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hConstant, hField } from '../../hogql/hogql-ast.js';
import { printHogQL } from '../../hogql/print-hogql.js';
import {
  considersType, eventTypeCondition, exclusionCondition, groupedElementExpr, groupingRegex, pathElementExpr,
} from './path-element.js';
import { readPathsQuery, type PathsFilter } from './paths-filter.js';
import { pointElement } from './path-sessions.js';

const settings = (pathsFilter: PathsFilter) => readPathsQuery({ kind: 'PathsQuery', pathsFilter });

test('a grouping is a literal pattern where only * is a wildcard', () => {
  assert.equal(groupingRegex('/product/*'), '/product/.*');
  assert.equal(groupingRegex('*'), '.*');
  assert.equal(groupingRegex('/a.b/*/c?d'), '/a\\.b/.*/c\\?d');
  const hostile = String.raw`^$.|?+()[]{}\ ' " ; --`;
  const regex = new RegExp(groupingRegex(`${hostile}*`));
  assert.ok(regex.test(`x${hostile}anything`), 'every metacharacter stands for itself');
  assert.ok(!regex.test('^$a|?+()[]{}\\ \' " ; --'), 'a dot in the grouping is not a wildcard');
});

test('groupings become a multiIf over the element, first match wins, unmatched elements unchanged', () => {
  assert.equal(printHogQL(groupedElementExpr([], hField('item'))), 'item');
  assert.equal(
    printHogQL(groupedElementExpr(['/p/*', '/q*'], hField('item'))),
    "multiIf(match(item, '/p/.*'), '/p/*', match(item, '/q.*'), '/q*', item)",
  );
});

test('without includeEventTypes every type maps to its element unless its name is excluded', () => {
  assert.ok(considersType(settings({}), '$pageview'));
  assert.ok(!considersType(settings({ excludeEvents: ['$pageview'] }), '$pageview'));
  assert.ok(considersType(settings({ includeEventTypes: ['$screen'] }), '$screen'));
  assert.ok(!considersType(settings({ includeEventTypes: ['$screen'] }), '$pageview'));
});

test('the element: URL without trailing slash for page views, screen name for screens, HogQL, else the event', () => {
  const all = printHogQL(pathElementExpr(settings({}), hConstant('h')));
  assert.equal(
    all,
    "ifNull(if(event = '$screen', properties.$screen_name, if(event = '$pageview', " +
      "replaceRegexpAll(ifNull(properties.$current_url, ''), '(.)/$', '\\\\1'), toString('h'))), '')",
  );
  const custom = printHogQL(pathElementExpr(settings({ includeEventTypes: ['custom_event'], localPathCleaningFilters: [{ regex: 'a', alias: 'b' }] }), hConstant('h')));
  assert.equal(custom, "replaceRegexpAll(ifNull(event, ''), 'a', 'b')");
});

test('event types select events; hogql adds no condition of its own; exclusions compare the element', () => {
  assert.equal(eventTypeCondition(settings({})), undefined);
  assert.equal(eventTypeCondition(settings({ includeEventTypes: ['hogql'] })), undefined);
  assert.equal(
    printHogQL(eventTypeCondition(settings({ includeEventTypes: ['$pageview', '$screen', 'custom_event'] }))!),
    "event = '$pageview' OR event = '$screen' OR NOT startsWith(event, '$')",
  );
  assert.equal(exclusionCondition([], hField('path_item')), undefined);
  assert.equal(printHogQL(exclusionCondition(['/a', 'b'], hField('path_item'))!), "NOT has(['/a', 'b'], path_item)");
});

test('start and end points lose one trailing slash, except the root', () => {
  assert.equal(pointElement('/pricing/'), '/pricing');
  assert.equal(pointElement('/'), '/');
  assert.equal(pointElement('signup'), 'signup');
  assert.equal(pointElement('/a//'), '/a/');
});
