import { useState } from 'react';
import type { ImportPreset } from '../../../../shared/contract';
import type { GenericCsvMappingInput } from '../../../../shared/import/formats/generic-csv';
import { call } from '../../client/call';
import type { Remote } from '../../state/use-remote';

type Props = {
  presets: Remote<ImportPreset[]>;
  /** The mapping to save, or null when the form has errors (it marks them). */
  current: () => GenericCsvMappingInput | null;
  onLoad: (preset: ImportPreset) => void;
};

/** Saved column mappings: load one, save the current one under a name, delete one. */
export function PresetBar({ presets, current, onLoad }: Props) {
  const list = presets.value ?? [];
  const [selected, setSelected] = useState('');
  const [name, setName] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = list.find((p) => p.id === selected);

  const save = async () => {
    const mapping = current();
    if (mapping === null || name.trim() === '') {
      setNote(name.trim() === '' ? 'Give the preset a name.' : 'Fix the marked fields before saving.');
      return;
    }
    // The same name saves over the old preset instead of making a second one.
    const same = list.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
    setBusy(true);
    const result = await call('import.presets.save', { name: name.trim(), mapping, ...(same ? { id: same.id } : {}) });
    setBusy(false);
    if (!result.ok) return;
    setNote(`Saved as “${result.value.name}”.`);
    setSelected(result.value.id);
    presets.reload();
  };

  const remove = async () => {
    if (!chosen) return;
    setBusy(true);
    const result = await call('import.presets.delete', { id: chosen.id });
    setBusy(false);
    if (!result.ok) return;
    setNote(`Deleted “${chosen.name}”.`);
    setSelected('');
    presets.reload();
  };

  return (
    <div className="preset-bar">
      <div className="preset-bar__group">
        <label className="field field--inline">
          <span className="field__label">Preset</span>
          <select value={selected} onChange={(e) => setSelected(e.target.value)} data-testid="preset-select">
            <option value="">{list.length === 0 ? 'No saved presets' : 'Choose a preset…'}</option>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" disabled={!chosen || busy} onClick={() => chosen && onLoad(chosen)}>
          Load
        </button>
        <button type="button" className="button" disabled={!chosen || busy} onClick={() => void remove()}>
          Delete
        </button>
      </div>
      <div className="preset-bar__group">
        <label className="field field--inline">
          <span className="field__label">Save as</span>
          <input
            value={name}
            maxLength={100}
            placeholder="e.g. My broker CSV"
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              // Enter saves the preset here rather than submitting the mapping form around it.
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void save();
            }}
          />
        </label>
        <button type="button" className="button" disabled={busy} onClick={() => void save()}>
          Save preset
        </button>
      </div>
      {note && (
        <p className="preset-bar__note" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
