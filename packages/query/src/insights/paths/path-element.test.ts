import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hConstant, hField } from '../../hogql/hogql-ast.js';
import { printHogQL } from '../../hogql/print-hogql.js';
import {
  cleanedElementExpr, considersType, eventTypeCondition, exclusionCondition, groupedElementExpr, groupingRegex, pathElementExpr,
} from './path-element.js';
import { readPathsQuery, type PathsFilter } from './paths-filter.js';
import { pointElement } from './path-sessions.js';

const settings = (pathsFilter: PathsFilter) => readPathsQuery({ kind: 'PathsQuery', pathsFilter });

test('a grouping is a literal pattern where only * is a wildcard', () => {
  assert.equal(groupingRegex('/product/*'), '\\/product\\/.*');
  assert.equal(groupingRegex('*'), '.*');
  assert.equal(groupingRegex('a.b*c?d'), 'a\\.b.*c\\?d');
  const hostile = String.raw`^$.|?+()[]{}\ ' " ; --`;
  const regex = new RegExp(groupingRegex(`${hostile}*`));
  assert.ok(regex.test(`x${hostile}anything`), 'every metacharacter stands for itself');
  assert.ok(!regex.test('^$a|?+()[]{}\\ \' " ; --'), 'a dot in the grouping is not a wildcard');
});

test('groupings become a multiIf over the element, first match wins, unmatched elements unchanged', () => {
  assert.equal(printHogQL(groupedElementExpr([], hField('item'))), 'item');
  assert.equal(
    printHogQL(groupedElementExpr(['/p/*', '/q*'], hField('item'))),
    "multiIf(match(item, '\\\\/p\\\\/.*'), '/p/*', match(item, '\\\\/q.*'), '/q*', item)",
  );
});

test('without includeEventTypes every type maps to its element unless its name is excluded', () => {
  assert.ok(considersType(settings({}), '$pageview'));
  assert.ok(!considersType(settings({ excludeEvents: ['$pageview'] }), '$pageview'));
  assert.ok(considersType(settings({ includeEventTypes: ['$screen'] }), '$screen'));
  assert.ok(!considersType(settings({ includeEventTypes: ['$screen'] }), '$pageview'));
});

test('the element: URL for page views, screen name for screens, HogQL, else the event', () => {
  assert.equal(
    printHogQL(pathElementExpr(settings({}), hConstant('h'))),
    "ifNull(if(event = '$screen', JSONExtractString(properties, '$screen_name'), " +
      "if(event = '$pageview', JSONExtractString(properties, '$current_url'), toString('h'))), '')",
  );
  // Types outside includeEventTypes keep the event name; the HogQL value is used only with the hogql type.
  assert.equal(printHogQL(pathElementExpr(settings({ includeEventTypes: ['custom_event'] }), hConstant('h'))), "ifNull(event, '')");
});

test('cleaning: page view URLs lose one trailing slash (not the root), then the rules run in order', () => {
  const rules = [{ regex: 'a', alias: 'b', order: 2 }, { regex: 'c', alias: 'd', order: 1 }];
  assert.equal(
    printHogQL(cleanedElementExpr(settings({ localPathCleaningFilters: rules }), hField('el'), hField('ev'))),
    "replaceRegexpAll(replaceRegexpAll(if(ev = '$pageview', if(length(el) > 1 AND endsWith(el, '/'), " +
      "substring(el, 1, minus(length(el), 1)), el), el), 'c', 'd'), 'a', 'b')",
  );
  assert.equal(printHogQL(cleanedElementExpr(settings({ includeEventTypes: ['$screen'] }), hField('el'), hField('ev'))), 'el');
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
