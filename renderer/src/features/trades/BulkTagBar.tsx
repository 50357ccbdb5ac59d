import { useEffect, useState } from 'react';
import { call } from '../../client/call';
import { useJournal } from '../../state/journal-store';

/** trades.bulkTag takes at most this many ids; a larger selection goes in several calls. */
const MAX_IDS = 10_000;

type Outcome = { kind: 'done' | 'error'; text: string };

/**
 * Shown while trades are selected: how many, a tag, and Add / Remove. The list refreshes by
 * itself (journal.changed); the selection stays so the trader can apply another tag.
 */
export function BulkTagBar({ ids, onClear }: { ids: readonly string[]; onClear: () => void }) {
  const tags = useJournal((s) => s.tags);
  const [tagId, setTagId] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A tag deleted elsewhere leaves the picker; fall back to "choose".
  useEffect(() => {
    if (tagId && !tags.some((t) => t.id === tagId)) setTagId('');
  }, [tags, tagId]);

  const apply = async (action: 'add' | 'remove') => {
    const tag = tags.find((t) => t.id === tagId);
    if (!tag) return setOutcome({ kind: 'error', text: 'Choose a tag first.' });
    setBusy(true);
    setOutcome(null);
    let updated = 0;
    for (let i = 0; i < ids.length; i += MAX_IDS) {
      const result = await call('trades.bulkTag', { ids: ids.slice(i, i + MAX_IDS), tagId, action });
      if (!result.ok) {
        setBusy(false);
        return setOutcome({
          kind: 'error',
          text: `Could not ${action} the tag "${tag.name}": ${result.error.message}`,
        });
      }
      updated += result.value.updated;
    }
    setBusy(false);
    const trades = `${updated} trade${updated === 1 ? '' : 's'}`;
    setOutcome({
      kind: 'done',
      text: action === 'add' ? `Tagged ${trades} "${tag.name}".` : `Removed "${tag.name}" from ${trades}.`,
    });
  };

  return (
    <div className="bulk-bar card" role="region" aria-label="Selected trades" data-testid="bulk-bar">
      <strong data-testid="bulk-count">{ids.length} selected</strong>
      <label className="field">
        <span className="visually-hidden">Tag</span>
        <select value={tagId} onChange={(e) => setTagId(e.target.value)} data-testid="bulk-tag">
          <option value="">Choose a tag…</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" disabled={busy} onClick={() => void apply('add')} data-testid="bulk-add">
        Add tag
      </button>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void apply('remove')}
        data-testid="bulk-remove"
      >
        Remove tag
      </button>
      <button type="button" className="button" onClick={onClear}>
        Clear selection
      </button>
      {outcome && (
        <span
          className={outcome.kind === 'error' ? 'bulk-bar__error' : 'cell-muted'}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
          data-testid="bulk-outcome"
        >
          {outcome.text}
        </span>
      )}
    </div>
  );
}
