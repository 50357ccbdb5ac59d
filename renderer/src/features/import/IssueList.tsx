import type { ImportIssue } from '../../../../shared/import/types';
import { countText } from '../../format/status';

/** Problems with their place in the file, in a scrolling list; says how many were not sent. */
export function IssueList({
  issues,
  total,
  kind,
}: {
  issues: ImportIssue[];
  total: number;
  kind: 'error' | 'warning';
}) {
  const more = total - issues.length;
  return (
    <div className={`issues issues--${kind}`}>
      <ol className="issues__list" data-testid={`import-${kind}s`} tabIndex={0} aria-label={countText(total, kind)}>
        {issues.map((issue, i) => (
          <li key={`${issue.line}-${issue.column ?? ''}-${i}`} className="issues__item">
            <span className="issues__where">
              {issue.line > 0 ? `Line ${issue.line}` : 'File'}
              {issue.column !== null && ` · ${issue.column}`}
            </span>
            <span className="issues__message">{issue.message}</span>
          </li>
        ))}
      </ol>
      {more > 0 && <p className="issues__more">{countText(more, `more ${kind}`)} not listed here.</p>}
    </div>
  );
}
