import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BackupSettings } from '../../../../shared/contract/backups';
import { Field } from './Field';
import { callQuietly } from '../../client/quiet-call';
import { choiceOf, cronFor, scheduleChoices, type ScheduleChoice } from './schedule';
import {
  checkDraft,
  draftFrom,
  errorsFromCore,
  patchBetween,
  type ScheduleDraft,
  type ScheduleErrors,
  type ScheduleField,
} from './schedule-form';

type Props = { settings: BackupSettings; onSaved: (settings: BackupSettings) => void };

/**
 * When backups happen and how many are kept. Only the trader's edits are held here, so a
 * change made elsewhere (an export remembering its folder) shows in every untouched field.
 */
export function ScheduleForm({ settings, onSaved }: Props) {
  const [edits, setEdits] = useState<Partial<ScheduleDraft>>({});
  const [errors, setErrors] = useState<ScheduleErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const cronInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  // Bumped when a save is refused; the first marked field gets the focus once it is drawn.
  const [refusals, setRefusals] = useState(0);

  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);
  const draft: ScheduleDraft = { ...draftFrom(settings), ...edits };
  const checked = checkDraft(draft, settings);
  const unchanged = checked.ok && Object.keys(patchBetween(settings, checked.settings)).length === 0;

  const change = (edit: Partial<ScheduleDraft>, field?: ScheduleField) => {
    setEdits((e) => ({ ...e, ...edit }));
    setSaved(false);
    setProblem(null);
    if (field !== undefined) setErrors(({ [field]: _, ...rest }) => rest);
  };

  const choose = (choice: ScheduleChoice) => {
    change({ choice, schedule: cronFor(choice, draft.schedule) }, 'schedule');
    // "Custom" means the trader is about to write an expression.
    if (choice === 'custom') requestAnimationFrame(() => cronInput.current?.focus());
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!checked.ok) {
      setErrors(checked.errors);
      setRefusals((n) => n + 1);
      return;
    }
    setSaving(true);
    const result = await callQuietly('backups.settings.update', { patch: patchBetween(settings, checked.settings) });
    setSaving(false);
    if (!result.ok) {
      const fromCore = errorsFromCore(result.error);
      setErrors(fromCore);
      setRefusals((n) => n + 1);
      // A message with no field to sit beside (a storage error) shows under the form.
      setProblem(Object.keys(fromCore).length === 0 ? result.error.message : null);
      return;
    }
    setEdits({});
    setErrors({});
    setSaved(true);
    onSaved(result.value);
  };

  return (
    <form
      ref={form}
      className="form schedule-form"
      onSubmit={(e) => void save(e)}
      noValidate
      data-testid="schedule-form"
    >
      <div className="schedule-form__grid">
        <Field
          label="Back up on its own"
          hint="In this computer's local time, while the app is open. A missed backup runs a minute after the next start."
        >
          {(control) => (
            <select
              {...control}
              value={draft.choice}
              onChange={(e) => choose(e.target.value as ScheduleChoice)}
              data-testid="schedule-choice"
            >
              {scheduleChoices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Cron expression"
          error={errors.schedule}
          hint="Minute, hour, day of month, month, day of week: 30 22 * * 1-5 is 22:30 on weekdays."
        >
          {(control) => (
            <input
              {...control}
              ref={cronInput}
              value={draft.schedule}
              disabled={draft.choice === 'off'}
              spellCheck={false}
              autoComplete="off"
              data-testid="schedule-cron"
              onChange={(e) =>
                change(
                  { schedule: e.target.value, choice: choiceOf({ schedule: e.target.value, scheduleEnabled: true }) },
                  'schedule',
                )
              }
            />
          )}
        </Field>
        <Field
          label="Keep every backup younger than (days)"
          error={errors.keepDays}
          hint="0 keeps only the newest ones below."
        >
          {(control) => (
            <input
              {...control}
              value={draft.keepDays}
              inputMode="numeric"
              data-testid="schedule-keep-days"
              onChange={(e) => change({ keepDays: e.target.value }, 'keepDays')}
            />
          )}
        </Field>
        <Field
          label="Always keep the newest (backups)"
          error={errors.keepLast}
          hint="Whatever their age. The newest verified backup is never removed."
        >
          {(control) => (
            <input
              {...control}
              value={draft.keepLast}
              inputMode="numeric"
              data-testid="schedule-keep-last"
              onChange={(e) => change({ keepLast: e.target.value }, 'keepLast')}
            />
          )}
        </Field>
        <Field
          label="Export folder"
          error={errors.exportFolder}
          hint="Scheduled backups are copied here too while its drive is connected. Leave empty for none."
          wide
        >
          {(control) => (
            <input
              {...control}
              value={draft.exportFolder}
              placeholder="/Volumes/USB/Journal backups"
              spellCheck={false}
              autoComplete="off"
              data-testid="schedule-export-folder"
              onChange={(e) => change({ exportFolder: e.target.value }, 'exportFolder')}
            />
          )}
        </Field>
        <label className="schedule-form__check">
          <input
            type="checkbox"
            checked={draft.includeEmbeddings}
            onChange={(e) => change({ includeEmbeddings: e.target.checked })}
          />
          Include the embedding cache (derived data that can be rebuilt; makes backups larger)
        </label>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving || unchanged}>
          {saving ? 'Saving…' : 'Save schedule'}
        </button>
        {saved && (
          <span className="form__saved" role="status">
            Saved.
          </span>
        )}
        {problem !== null && (
          <span className="field__error" role="alert">
            {problem}
          </span>
        )}
      </div>
    </form>
  );
}
