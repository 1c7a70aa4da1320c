import { Fragment, useMemo, type ReactNode } from 'react';
import { parseTextTile, type Inline } from './text-markup';

/** A text tile's body: its little markdown drawn as React elements (never as HTML, so nothing in it runs). */
export function TextTileBody({ body }: { body: string | null }) {
  const blocks = useMemo(() => parseTextTile(body ?? ''), [body]);
  if (blocks.length === 0) return <p className="muted">Empty text.</p>;
  return (
    <div className="text-tile-body">
      {blocks.map((block, i) => {
        switch (block.type) {
          case 'heading': {
            // Tile headings sit under the tile's own heading level, so the page outline stays in order.
            const Tag = (['h3', 'h4', 'h5'] as const)[block.level - 1]!;
            return <Tag key={i}>{inlines(block.children)}</Tag>;
          }
          case 'list': {
            const Tag = block.ordered ? 'ol' : 'ul';
            return (
              <Tag key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>{inlines(item)}</li>
                ))}
              </Tag>
            );
          }
          case 'paragraph':
            return (
              <p key={i}>
                {block.lines.map((line, j) => (
                  <Fragment key={j}>
                    {j > 0 && <br />}
                    {inlines(line)}
                  </Fragment>
                ))}
              </p>
            );
        }
      })}
    </div>
  );
}

function inlines(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return <Fragment key={i}>{node.text}</Fragment>;
      case 'strong':
        return <strong key={i}>{inlines(node.children)}</strong>;
      case 'em':
        return <em key={i}>{inlines(node.children)}</em>;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
            {inlines(node.children)}
          </a>
        );
    }
  });
}
