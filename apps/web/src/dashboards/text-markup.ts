/**
 * The little markdown a text tile understands, parsed into plain data that the tile renders as React elements: text
 * is never handed to the browser as HTML, so `<script>` in a tile is shown as those characters. Blocks: `#`, `##`,
 * `###` headings, `-`/`*` bullet lists, `1.` numbered lists, paragraphs (blank-line separated). Inline: `**bold**`,
 * `*italic*` or `_italic_`, `` `code` ``, and `[label](url)` links to http(s) and mailto addresses only.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; children: Inline[] }
  | { type: 'paragraph'; lines: Inline[][] }
  | { type: 'list'; ordered: boolean; items: Inline[][] };

const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** Example: parseTextTile('# Notes\n- one') // [{ type: 'heading', level: 1, … }, { type: 'list', ordered: false, … }] */
export function parseTextTile(body: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: Inline[][] | null = null;
  let list: Extract<Block, { type: 'list' }> | null = null;
  const close = () => {
    paragraph = null;
    list = null;
  };
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      close();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      blocks.push({ type: 'heading', level: heading[1]!.length as 1 | 2 | 3, children: parseInline(heading[2]!) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = numbered !== null;
      const current = list as Extract<Block, { type: 'list' }> | null;
      if (!current || current.ordered !== ordered) {
        close();
        list = { type: 'list', ordered, items: [] };
        blocks.push(list);
      }
      (list as unknown as Extract<Block, { type: 'list' }>).items.push(parseInline(item[1]!));
      continue;
    }
    if (!paragraph) {
      close();
      paragraph = [];
      blocks.push({ type: 'paragraph', lines: paragraph });
    }
    (paragraph as Inline[][]).push(parseInline(line.trim()));
  }
  return blocks;
}

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/** Inline marks of one line. Example: parseInline('a **b**') // [{ type: 'text', text: 'a ' }, { type: 'strong', … }] */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ type: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const code = /^`([^`]+)`/.exec(rest);
    if (code) {
      flush();
      out.push({ type: 'code', text: code[1]! });
      i += code[0].length;
      continue;
    }
    const strong = /^\*\*(.+?)\*\*/.exec(rest);
    if (strong) {
      flush();
      out.push({ type: 'strong', children: parseInline(strong[1]!) });
      i += strong[0].length;
      continue;
    }
    const em = /^(\*|_)(?!\s)(.+?)(?<!\s)\1/.exec(rest);
    if (em) {
      flush();
      out.push({ type: 'em', children: parseInline(em[2]!) });
      i += em[0].length;
      continue;
    }
    const link = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest);
    if (link) {
      const href = link[2]!;
      // Anything but a web or mail address (javascript:, data:, relative tricks) stays visible text.
      if (SAFE_HREF.test(href)) {
        flush();
        out.push({ type: 'link', href, children: parseInline(link[1]!) });
      } else {
        plain += link[0];
      }
      i += link[0].length;
      continue;
    }
    plain += text[i];
    i += 1;
  }
  flush();
  return out;
}
