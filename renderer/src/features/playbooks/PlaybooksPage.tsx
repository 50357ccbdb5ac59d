import { countText } from '../../format/status';
import { useRemote } from '../../state/use-remote';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { PlaybookCard } from './PlaybookCard';

/** The trader's setups. Creating and editing playbooks come in a later version. */
export function PlaybooksPage() {
  const playbooks = useRemote('playbooks.list', {}, ['playbooks']);
  return (
    <>
      <PageHeader
        title="Playbooks"
        summary={playbooks.value ? countText(playbooks.value.length, 'playbook') : undefined}
      />
      {playbooks.value === undefined ? (
        playbooks.loading ? (
          <Loading label="Loading playbooks…" />
        ) : (
          <p className="card card--padded cell-muted">The playbooks could not be loaded.</p>
        )
      ) : playbooks.value.length === 0 ? (
        <p className="card card--padded cell-muted">
          No playbooks yet. A playbook describes one setup you trade and the rules it must meet.
        </p>
      ) : (
        <div className="playbooks">
          {playbooks.value.map((p) => (
            <PlaybookCard key={p.id} playbook={p} />
          ))}
        </div>
      )}
    </>
  );
}
