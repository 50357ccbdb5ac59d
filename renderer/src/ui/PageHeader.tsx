import type { ReactNode } from 'react';

/** The title row of a page, with an optional one-line summary and actions on the right. */
export function PageHeader({ title, summary, actions }: { title: string; summary?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {summary !== undefined && <p className="page-header__summary">{summary}</p>}
      </div>
      {actions !== undefined && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
