import type { ReactNode } from 'react';
import { PageHeader } from './PageHeader';

/** An honest placeholder for a page whose feature is not built yet: no sample data. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <PageHeader title={title} />
      <section className="card coming-soon" data-testid="coming-soon">
        <p className="coming-soon__badge">Coming in a later version</p>
        <div className="coming-soon__text">{children}</div>
      </section>
    </>
  );
}
