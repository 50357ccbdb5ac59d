import type { Playbook } from '../../../../shared/domain/types';

/** A playbook: its setup in words and the rules to check before taking the trade. */
export function PlaybookCard({ playbook }: { playbook: Playbook }) {
  return (
    <article className="card playbook" data-testid="playbook">
      <span className="playbook__stripe" style={{ background: playbook.color ?? 'var(--accent)' }} aria-hidden="true" />
      <h2 className="playbook__name">{playbook.name}</h2>
      {playbook.description && <p className="playbook__description">{playbook.description}</p>}
      {playbook.rules.length > 0 ? (
        <ul className="playbook__rules" aria-label={`${playbook.name} rules`}>
          {playbook.rules.map((rule) => (
            <li key={rule.id}>{rule.text}</li>
          ))}
        </ul>
      ) : (
        <p className="cell-muted">No rules written yet.</p>
      )}
    </article>
  );
}
