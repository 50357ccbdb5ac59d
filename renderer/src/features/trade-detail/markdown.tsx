import type { ReactNode } from 'react';

/**
 * A small, safe markdown subset rendered straight to React elements (so every character
 * of the notes is text, never HTML): headings, paragraphs, lists, quotes, code, rules,
 * **bold**, *italic*, `code` and [links](https://…) to http(s) addresses only.
 */
export function renderMarkdown(source: string): ReactNode[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: ReactNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const key = `b${blocks.length}`;
    if (line.trim() === '') {
      i++;
    } else if (line.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').startsWith('```')) body.push(lines[i++] ?? '');
      i++;
      blocks.push(
        <pre key={key}>
          <code>{body.join('\n')}</code>
        </pre>,
      );
    } else if (/^#{1,3}\s/.test(line)) {
      const level = /^#+/.exec(line)?.[0].length ?? 1;
      const text = inline(line.replace(/^#+\s+/, ''));
      blocks.push(
        level === 1 ? <h3 key={key}>{text}</h3> : level === 2 ? <h4 key={key}>{text}</h4> : <h5 key={key}>{text}</h5>,
      );
      i++;
    } else if (/^(-{3,}|\*{3,})\s*$/.test(line)) {
      blocks.push(<hr key={key} />);
      i++;
    } else if (/^\s*[-*+]\s/.test(line) || /^\s*\d+[.)]\s/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const pattern = ordered ? /^\s*\d+[.)]\s+/ : /^\s*[-*+]\s+/;
      const items: ReactNode[] = [];
      while (i < lines.length && pattern.test(lines[i] ?? '')) {
        items.push(<li key={items.length}>{inline((lines[i] ?? '').replace(pattern, ''))}</li>);
        i++;
      }
      blocks.push(ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>);
    } else if (line.startsWith('>')) {
      const quoted: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('>')) quoted.push((lines[i++] ?? '').replace(/^>\s?/, ''));
      blocks.push(<blockquote key={key}>{inline(quoted.join(' '))}</blockquote>);
    } else {
      const para: string[] = [];
      while (i < lines.length && isParagraphLine(lines[i] ?? '')) para.push(lines[i++] ?? '');
      blocks.push(<p key={key}>{inline(para.join(' '))}</p>);
    }
  }
  return blocks;
}

function isParagraphLine(line: string): boolean {
  return (
    line.trim() !== '' &&
    !line.startsWith('```') &&
    !/^#{1,3}\s/.test(line) &&
    !/^\s*([-*+]|\d+[.)])\s/.test(line) &&
    !line.startsWith('>')
  );
}

const token = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Inline marks inside one block; anything unmatched stays literal text. */
function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(token)) {
    const at = match.index;
    if (at > last) out.push(text.slice(last, at));
    const key = `i${at}`;
    const [, code, bold, em, em2, label, href] = match;
    if (code !== undefined) out.push(<code key={key}>{code}</code>);
    else if (bold !== undefined) out.push(<strong key={key}>{bold}</strong>);
    else if (em !== undefined || em2 !== undefined) out.push(<em key={key}>{em ?? em2}</em>);
    else if (label !== undefined && href !== undefined) out.push(link(key, label, href));
    last = at + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function link(key: string, label: string, href: string): ReactNode {
  // Only web addresses become links; "javascript:" and friends stay visible as plain text.
  if (!/^https?:\/\//i.test(href)) return `[${label}](${href})`;
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  );
}
