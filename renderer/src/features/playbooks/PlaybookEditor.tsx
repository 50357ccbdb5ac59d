import type { Playbook } from '../../../../shared/domain/types';
import { DraftTextField } from '../../ui/DraftTextField';
import type { PlaybookFigure } from './playbook-stats';
import { RulesEditor } from './RulesEditor';
import type { PlaybookPatch } from './use-playbooks';

type Props = {
  playbook: Playbook;
  figures: PlaybookFigure[] | null;
  onChange: (patch: PlaybookPatch) => void;
};

/** One playbook, edited in place: name, description, rules, archive; and how its trades went. */
export function PlaybookEditor({ playbook, figures, onChange }: Props) {
  return (
    <article
      className={`card playbook playbook-editor${playbook.archived ? ' playbook--archived' : ''}`}
      data-testid="playbook"
      data-playbook-name={playbook.name}
    >
      <span className="playbook__stripe" style={{ background: playbook.color ?? 'var(--accent)' }} aria-hidden="true" />
      <div className="playbook-editor__head">
        <DraftTextField
          label="Name"
          value={playbook.name}
          onCommit={(name) => {
            // A playbook needs a name: clearing the box puts the old one back rather than failing.
            if (name.trim() !== '') onChange({ name: name.trim() });
          }}
          singleLine
          maxLength={120}
          testId="playbook-name"
          className="playbook-editor__name"
        />
        <button
          type="button"
          className="button"
          onClick={() => onChange({ archived: !playbook.archived })}
          data-testid="playbook-archive"
        >
          {playbook.archived ? 'Restore' : 'Archive'}
        </button>
      </div>
      <DraftTextField
        label="Description"
        value={playbook.description}
        onCommit={(description) => onChange({ description })}
        rows={3}
        maxLength={20_000}
        placeholder="The setup in a few words: market, timeframe, trigger."
        testId="playbook-description"
      />
      <RulesEditor name={playbook.name} rules={playbook.rules} onChange={(rules) => onChange({ rules })} />
      {figures === null ? (
        <p className="cell-muted">Working out this playbook&apos;s figures…</p>
      ) : (
        <dl className="playbook-editor__figures" data-testid="playbook-stats" aria-label={`${playbook.name} figures`}>
          {figures.map((f) => (
            <div key={f.key} data-testid={`playbook-${f.key}`}>
              <dt>{f.label}</dt>
              <dd>{f.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </article>
  );
}
