import { useState } from 'react';
import type { PlaybookRule } from '../../../../shared/domain/types';
import { DraftTextField } from '../../ui/DraftTextField';
import { addRule, editRule, moveRule, removeRule } from './rules';

type Props = { name: string; rules: readonly PlaybookRule[]; onChange: (rules: PlaybookRule[]) => void };

/** The playbook's checklist: add, edit, remove and reorder rules; each change is saved at once. */
export function RulesEditor({ name, rules, onChange }: Props) {
  const [text, setText] = useState('');
  const add = () => {
    if (text.trim() === '') return;
    onChange(addRule(rules, text, crypto.randomUUID()));
    setText('');
  };
  return (
    <div className="rules-editor">
      <h3 className="rules-editor__title">Rules</h3>
      {rules.length === 0 ? (
        <p className="cell-muted">No rules yet. Write what must be true before you take this setup.</p>
      ) : (
        <ol className="rules-editor__list" aria-label={`${name} rules`} data-testid="playbook-rules">
          {rules.map((rule, i) => (
            <li key={rule.id} className="rules-editor__rule" data-testid="playbook-rule">
              <span className="rules-editor__number" aria-hidden="true">
                {i + 1}.
              </span>
              <DraftTextField
                label={`Rule ${i + 1}`}
                hideLabel
                value={rule.text}
                onCommit={(t) => onChange(editRule(rules, rule.id, t))}
                singleLine
                maxLength={500}
                className="rules-editor__text"
              />
              <div className="rules-editor__actions">
                <button
                  type="button"
                  className="button"
                  disabled={i === 0}
                  onClick={() => onChange(moveRule(rules, rule.id, -1))}
                  aria-label={`Move rule ${i + 1} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={i === rules.length - 1}
                  onClick={() => onChange(moveRule(rules, rule.id, 1))}
                  aria-label={`Move rule ${i + 1} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => onChange(removeRule(rules, rule.id))}
                  aria-label={`Remove rule ${i + 1}`}
                >
                  ✕
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <form
        className="rules-editor__add"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          type="text"
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
          placeholder="A new rule, e.g. “Volume above the 20-day average”"
          aria-label={`New rule for ${name}`}
          data-testid="new-rule"
        />
        <button type="submit" className="button" disabled={text.trim() === ''} data-testid="add-rule">
          Add rule
        </button>
      </form>
    </div>
  );
}
