import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

const html = (source: string) => renderToStaticMarkup(<>{renderMarkdown(source)}</>);

describe('notes markdown', () => {
  it('renders headings, paragraphs, lists, quotes and code blocks', () => {
    expect(html('# Plan\nWait for the\nopening range.\n\n- one\n- two\n\n1. first\n2) second')).toBe(
      '<h3>Plan</h3><p>Wait for the opening range.</p><ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol>',
    );
    expect(html('> stay calm\n\n```\nif (x) { y(); }\n```\n---')).toBe(
      '<blockquote>stay calm</blockquote><pre><code>if (x) { y(); }</code></pre><hr/>',
    );
  });

  it('renders bold, italic, inline code and web links', () => {
    expect(html('**held** the *stop* at `4520` see [chart](https://example.com/a)')).toBe(
      '<p><strong>held</strong> the <em>stop</em> at <code>4520</code> see ' +
        '<a href="https://example.com/a" target="_blank" rel="noopener noreferrer">chart</a></p>',
    );
  });

  it('never lets markup or script addresses through', () => {
    const out = html('<img src=x onerror=alert(1)> <script>alert(1)</script> [x](javascript:alert(1))');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('href');
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('[x](javascript:alert(1))');
  });

  it('renders nothing for empty notes', () => {
    expect(renderMarkdown('  \n\n')).toEqual([]);
  });
});
