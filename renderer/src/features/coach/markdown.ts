/**
 * The small markdown subset coach answers use, parsed into plain data that React renders as
 * text nodes: headings, list items, paragraphs, **bold**, backslash escapes and links to
 * trades (`[label](trade:<id>)`). Nothing is ever inserted as HTML; any other link or tag
 * stays literal text.
 */

export type Inline =
  { kind: 'text'; text: string } | { kind: 'bold'; text: string } | { kind: 'trade'; label: string; id: string };

export type Block =
  | { kind: 'heading'; level: 2 | 3; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'paragraph'; content: Inline[] };

const TRADE_LINK = /^\[((?:\\.|[^\]\\])*)\]\(trade:([A-Za-z0-9_-]{1,64})\)/;

/** Blocks of a coach answer, line by line. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  for (const line of source.split(/\r?\n/)) {
    const heading = /^(#{2,3}) (.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1] === '##' ? 2 : 3, content: parseInline(heading[2] ?? '') });
      continue;
    }
    if (line.startsWith('- ')) {
      const last = blocks[blocks.length - 1];
      const item = parseInline(line.slice(2));
      if (last?.kind === 'list') last.items.push(item);
      else blocks.push({ kind: 'list', items: [item] });
      continue;
    }
    if (line.trim() === '') continue;
    blocks.push({ kind: 'paragraph', content: parseInline(line) });
  }
  return blocks;
}

/** Text, bold runs and trade links of one line; a backslash keeps the next character literal. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  let bold = false;
  const flush = () => {
    if (plain !== '') out.push({ kind: bold ? 'bold' : 'text', text: plain });
    plain = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\' && i + 1 < text.length) {
      plain += text[i + 1] ?? '';
      i++;
    } else if (c === '*' && text[i + 1] === '*') {
      flush();
      bold = !bold;
      i++;
    } else if (c === '[') {
      const link = TRADE_LINK.exec(text.slice(i));
      if (link) {
        flush();
        out.push({ kind: 'trade', label: unescape(link[1] ?? ''), id: link[2] ?? '' });
        i += link[0].length - 1;
      } else {
        plain += c;
      }
    } else {
      plain += c;
    }
  }
  flush();
  return out;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
