import type { ReactNode } from 'react';
import { coachReviewHref } from '../../app/routes';
import { parseMarkdown, type Inline } from './markdown';

/** A coach answer rendered from its markdown as React text nodes (never as HTML). */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="coach-markdown">
      {parseMarkdown(source).map((block, i) => {
        switch (block.kind) {
          case 'heading':
            return block.level === 2 ? (
              <h3 key={i}>{inline(block.content)}</h3>
            ) : (
              <h4 key={i}>{inline(block.content)}</h4>
            );
          case 'list':
            return (
              <ul key={i}>
                {block.items.map((item, k) => (
                  <li key={k}>{inline(item)}</li>
                ))}
              </ul>
            );
          case 'paragraph':
            return <p key={i}>{inline(block.content)}</p>;
        }
      })}
    </div>
  );
}

function inline(parts: readonly Inline[]): ReactNode[] {
  return parts.map((part, i) => {
    switch (part.kind) {
      case 'text':
        return <span key={i}>{part.text}</span>;
      case 'bold':
        return <strong key={i}>{part.text}</strong>;
      case 'trade':
        return (
          <a key={i} className="link" href={coachReviewHref(part.id)} data-testid="coach-citation">
            {part.label}
          </a>
        );
    }
  });
}
