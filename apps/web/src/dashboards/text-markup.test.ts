import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInline, parseTextTile } from './text-markup';

test('headings, lists and paragraphs become blocks', () => {
  const blocks = parseTextTile('# Weekly notes\n\nSignups are up.\nSee below.\n\n- one\n- two\n1. first\n## Next');
  assert.deepEqual(
    blocks.map((b) => b.type),
    ['heading', 'paragraph', 'list', 'list', 'heading'],
  );
  assert.deepEqual(blocks[0], { type: 'heading', level: 1, children: [{ type: 'text', text: 'Weekly notes' }] });
  assert.equal((blocks[1] as { lines: unknown[] }).lines.length, 2, 'lines of a paragraph stay together');
  assert.deepEqual(blocks[2], { type: 'list', ordered: false, items: [[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }]] });
  assert.equal((blocks[3] as { ordered: boolean }).ordered, true);
});

test('bold, italic, code and links are marked inline', () => {
  assert.deepEqual(parseInline('a **b** _c_ `d`'), [
    { type: 'text', text: 'a ' },
    { type: 'strong', children: [{ type: 'text', text: 'b' }] },
    { type: 'text', text: ' ' },
    { type: 'em', children: [{ type: 'text', text: 'c' }] },
    { type: 'text', text: ' ' },
    { type: 'code', text: 'd' },
  ]);
  assert.deepEqual(parseInline('[docs](https://posthog.com/docs)'), [{ type: 'link', href: 'https://posthog.com/docs', children: [{ type: 'text', text: 'docs' }] }]);
  assert.deepEqual(parseInline('2 * 3 * 4'), [{ type: 'text', text: '2 * 3 * 4' }], 'a lone star between spaces is not emphasis');
});

test('HTML stays text and only web and mail links become links', () => {
  assert.deepEqual(parseTextTile('<img src=x onerror=alert(1)>'), [{ type: 'paragraph', lines: [[{ type: 'text', text: '<img src=x onerror=alert(1)>' }]] }]);
  assert.deepEqual(parseInline('[click](javascript:alert(1))'), [{ type: 'text', text: '[click](javascript:alert(1))' }]);
  assert.deepEqual(parseInline('[x](data:text/html,hi)'), [{ type: 'text', text: '[x](data:text/html,hi)' }]);
  assert.equal(parseInline('[mail](mailto:a@b.c)')[0]!.type, 'link');
});
