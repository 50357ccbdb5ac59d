import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown';

describe('coach markdown', () => {
  it('reads headings, lists, paragraphs, bold text and trade links', () => {
    const blocks = parseMarkdown(
      '## Weekly review\n\n**Net P&L +5.00 USD** over 2 trades.\n- Best: [ES long, 3 Mar](trade:abc-1) +5.00\n- Worst: none\n### Next',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, content: [{ kind: 'text', text: 'Weekly review' }] },
      {
        kind: 'paragraph',
        content: [
          { kind: 'bold', text: 'Net P&L +5.00 USD' },
          { kind: 'text', text: ' over 2 trades.' },
        ],
      },
      {
        kind: 'list',
        items: [
          [
            { kind: 'text', text: 'Best: ' },
            { kind: 'trade', label: 'ES long, 3 Mar', id: 'abc-1' },
            { kind: 'text', text: ' +5.00' },
          ],
          [{ kind: 'text', text: 'Worst: none' }],
        ],
      },
      { kind: 'heading', level: 3, content: [{ kind: 'text', text: 'Next' }] },
    ]);
  });

  it('keeps HTML, other links and escaped marks as literal text', () => {
    expect(
      parseInline('<img src=x onerror=alert(1)> [x](javascript:alert(1)) \\*\\*not bold\\*\\* \\[a\\](trade:b)'),
    ).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)> [x](javascript:alert(1)) **not bold** [a](trade:b)' },
    ]);
  });

  it('reads an escaped bracket inside a link label', () => {
    expect(parseInline('[A\\]B](trade:t1)')).toEqual([{ kind: 'trade', label: 'A]B', id: 't1' }]);
  });
});
