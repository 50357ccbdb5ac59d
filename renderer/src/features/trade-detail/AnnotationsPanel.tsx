import { splitRules } from '../../../../shared/domain/rules-kept';
import type { Playbook, Tag } from '../../../../shared/domain/types';
import { call } from '../../client/call';
import { useJournal } from '../../state/journal-store';
import { useRemote } from '../../state/use-remote';
import { ChipsField } from './ChipsField';
import { DecimalField } from './DecimalField';
import type { Annotations, Patch } from './edits';
import { newLabel } from './inputs';
import { RatingField } from './RatingField';

const emotionIdeas = [
  'Calm',
  'Confident',
  'Patient',
  'FOMO',
  'Fear',
  'Greed',
  'Impatient',
  'Revenge',
  'Bored',
  'Tilted',
];
const mistakeIdeas = [
  'Chased the entry',
  'Moved the stop',
  'No stop',
  'Oversized',
  'Exited early',
  'Held too long',
  'Traded without a plan',
  'Ignored a rule',
  'Overtraded',
];

type Props = { values: Annotations; commit: (patch: Patch) => void };

/** The trader's side of a trade: risk plan, setup, rating, tags, emotions and mistakes. */
export function AnnotationsPanel({ values, commit }: Props) {
  return (
    <section className="card trade-panel" aria-label="Your review of this trade">
      <div className="trade-panel__group">
        <h2 className="trade-panel__title">Risk plan</h2>
        <DecimalField
          label="Stop"
          value={values.stopPrice}
          hint="Where the trade was wrong; R is worked out from it."
          testId="stop-input"
          onSave={(stopPrice) => commit({ stopPrice })}
        />
        <DecimalField
          label="Target"
          value={values.targetPrice}
          hint="Where you planned to take profit."
          testId="target-input"
          onSave={(targetPrice) => commit({ targetPrice })}
        />
        <DecimalField
          label="Risk amount"
          value={values.riskAmount}
          hint="Money at risk, in the trade's currency (used for R when set)."
          testId="risk-input"
          onSave={(riskAmount) => commit({ riskAmount })}
        />
      </div>
      <div className="trade-panel__group">
        <RatingField value={values.rating} onChange={(rating) => commit({ rating })} />
        <TagsField tagIds={values.tagIds} onChange={(tagIds) => commit({ tagIds })} />
        <ChipsField
          label="Emotions"
          chips={values.emotions.map((e) => ({ key: e, label: e }))}
          suggestions={emotionIdeas.filter((e) => !values.emotions.includes(e))}
          placeholder="How did you feel? Enter to add"
          testId="emotions"
          onAdd={(text) => {
            const label = newLabel(text, values.emotions);
            if (label !== null) commit({ emotions: [...values.emotions, label] });
          }}
          onRemove={(key) => commit({ emotions: values.emotions.filter((e) => e !== key) })}
        />
        <ChipsField
          label="Mistakes"
          chips={values.mistakes.map((m) => ({ key: m, label: m }))}
          suggestions={mistakeIdeas.filter((m) => !values.mistakes.includes(m))}
          placeholder="What went wrong? Enter to add"
          testId="mistakes"
          onAdd={(text) => {
            const label = newLabel(text, values.mistakes);
            if (label !== null) commit({ mistakes: [...values.mistakes, label] });
          }}
          onRemove={(key) => commit({ mistakes: values.mistakes.filter((m) => m !== key) })}
        />
      </div>
    </section>
  );
}

/** Existing tags by name, or a new tag made on the spot. */
function TagsField({ tagIds, onChange }: { tagIds: string[]; onChange: (tagIds: string[]) => void }) {
  const tags = useJournal((s) => s.tags);
  const loadTags = useJournal((s) => s.loadTags);
  const byId = new Map(tags.map((t) => [t.id, t]));
  const add = async (text: string) => {
    const name = text.trim().replace(/\s+/g, ' ');
    let tag: Tag | undefined = tags.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!tag) {
      const created = await call('tags.create', { name, color: null });
      if (!created.ok) return;
      tag = created.value;
      await loadTags();
    }
    if (!tagIds.includes(tag.id)) onChange([...tagIds, tag.id]);
  };
  return (
    <ChipsField
      label="Tags"
      chips={tagIds.map((id) => ({
        key: id,
        label: byId.get(id)?.name ?? 'Deleted tag',
        color: byId.get(id)?.color ?? null,
      }))}
      suggestions={tags.filter((t) => !tagIds.includes(t.id)).map((t) => t.name)}
      placeholder="Pick or create a tag, Enter to add"
      testId="tags"
      onAdd={(text) => void add(text)}
      onRemove={(id) => onChange(tagIds.filter((t) => t !== id))}
    />
  );
}

type PlaybookProps = { playbookId: string | null; rulesKept: string[]; commit: (patch: Patch) => void };

/** The setup this trade followed, and that playbook's rules to tick off as kept. */
export function PlaybookSection({ playbookId, rulesKept, commit }: PlaybookProps) {
  const playbooks = useRemote('playbooks.list', { includeArchived: true }, ['playbooks']);
  const list: Playbook[] = playbooks.value ?? [];
  const chosen = list.find((p) => p.id === playbookId);
  const choices = list.filter((p) => !p.archived || p.id === playbookId);
  return (
    <section className="card trade-panel" aria-labelledby="playbook-title">
      <h2 className="trade-panel__title" id="playbook-title">
        Playbook
      </h2>
      <label className="field trade-field">
        <span className="visually-hidden">Playbook</span>
        <select
          value={playbookId ?? ''}
          data-testid="playbook-select"
          disabled={playbooks.value === undefined}
          onChange={(e) => commit({ playbookId: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">{playbooks.value === undefined ? 'Loading playbooks…' : 'No playbook'}</option>
          {choices.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.archived ? ' (archived)' : ''}
            </option>
          ))}
        </select>
      </label>
      {playbooks.value !== undefined && list.length === 0 && (
        <p className="field__hint">
          No playbooks yet. <a href="#/playbooks">Write one</a> to name your setups and their rules.
        </p>
      )}
      {chosen && chosen.rules.length > 0 && (
        <div className="playbook-rules">
          <h3 className="playbook-rules__title">Rules of {chosen.name}</h3>
          <ul data-testid="playbook-rules">
            {chosen.rules.map((r) => (
              <li key={r.id}>
                <label className="playbook-rule">
                  <input
                    type="checkbox"
                    checked={rulesKept.includes(r.id)}
                    data-testid="playbook-rule"
                    onChange={(e) =>
                      commit({
                        rulesKept: e.target.checked ? [...rulesKept, r.id] : rulesKept.filter((kept) => kept !== r.id),
                      })
                    }
                  />
                  <span>{r.text}</span>
                </label>
              </li>
            ))}
          </ul>
          <p className="field__hint" data-testid="rules-kept-summary">
            {keptSummary(splitRules(chosen.rules, rulesKept).kept.length, chosen.rules.length)}
          </p>
        </div>
      )}
      {chosen && chosen.rules.length === 0 && <p className="field__hint">{chosen.name} has no rules written down.</p>}
    </section>
  );
}

/** "Kept 2 of 4 rules", or a nudge before any is ticked. */
function keptSummary(kept: number, total: number): string {
  if (kept === 0) return 'Tick the rules you kept on this trade.';
  if (kept === total) return `Kept all ${total} ${total === 1 ? 'rule' : 'rules'}.`;
  return `Kept ${kept} of ${total} rules.`;
}
