import { useState } from 'react';
import { countText } from '../../format/status';
import { useRemote } from '../../state/use-remote';
import { LoadError } from '../../ui/LoadError';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { SaveStatus } from '../trade-detail/SaveStatus';
import { usePageUndo } from '../trade-detail/use-page-undo';
import { NewPlaybookForm } from './NewPlaybookForm';
import { PlaybookEditor } from './PlaybookEditor';
import { adherenceFigures, playbookFigures } from './playbook-stats';
import { usePlaybooks } from './use-playbooks';

const STATS_SOURCES = ['trades', 'trade_tags', 'executions', 'settings', 'playbooks'] as const;

/** The trader's setups: create, rename, describe, write rules, archive; and each one's figures. */
export function PlaybooksPage() {
  const editor = usePlaybooks();
  usePageUndo(editor);
  // One call for every playbook's figures: the by-playbook breakdown of all trades.
  const stats = useRemote('stats.get', { filter: {} }, STATS_SOURCES);
  const adherence = useRemote('playbooks.adherence', {}, STATS_SOURCES);
  const [showArchived, setShowArchived] = useState(false);
  const all = editor.playbooks;
  const active = all?.filter((p) => !p.archived) ?? [];
  const archived = all?.filter((p) => p.archived) ?? [];
  const shown = showArchived ? [...active, ...archived] : active;
  const figuresOf = (id: string) =>
    stats.value
      ? [
          ...playbookFigures(
            stats.value.breakdowns.playbook.find((b) => b.key === id),
            stats.value.currency,
          ),
          ...adherenceFigures(
            adherence.value?.find((a) => a.playbookId === id),
            stats.value.currency,
          ),
        ]
      : null;

  return (
    <>
      <PageHeader
        title="Playbooks"
        summary={
          all
            ? countText(active.length, 'playbook') + (archived.length ? `, ${archived.length} archived` : '')
            : undefined
        }
        actions={
          <>
            <SaveStatus save={editor.save} onRetry={editor.retry} />
            <button type="button" className="button" onClick={editor.undo} disabled={!editor.canUndo}>
              Undo
            </button>
            <button type="button" className="button" onClick={editor.redo} disabled={!editor.canRedo}>
              Redo
            </button>
          </>
        }
      />
      <NewPlaybookForm create={editor.create} />
      {all === undefined ? (
        editor.loadError ? (
          <LoadError what="The playbooks could not be loaded" error={editor.loadError} onRetry={editor.reloadList} />
        ) : (
          <Loading label="Loading playbooks…" />
        )
      ) : (
        <>
          {shown.length === 0 ? (
            <p className="card card--padded cell-muted" data-testid="playbooks-empty">
              No playbooks yet. A playbook describes one setup you trade and the rules it must meet.
            </p>
          ) : (
            <div className="playbooks">
              {shown.map((p) => (
                <PlaybookEditor
                  key={p.id}
                  playbook={p}
                  figures={figuresOf(p.id)}
                  onChange={(patch) => editor.update(p.id, patch)}
                />
              ))}
            </div>
          )}
          {archived.length > 0 && (
            <label className="playbooks__archived">
              <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
              Show {countText(archived.length, 'archived playbook')}
            </label>
          )}
        </>
      )}
    </>
  );
}
