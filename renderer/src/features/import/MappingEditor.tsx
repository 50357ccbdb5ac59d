import { useState, type FormEvent } from 'react';
import type { ImportPreset } from '../../../../shared/contract';
import type { GenericCsvMappingInput } from '../../../../shared/import/formats/generic-csv';
import type { Remote } from '../../state/use-remote';
import type { CsvHead } from './csv-head';
import { MappingFields } from './MappingFields';
import {
  draftFromMapping,
  mappingFromDraft,
  suggestDraft,
  type DraftErrors,
  type DraftField,
  type MappingDraft,
} from './mapping-draft';
import { PresetBar } from './PresetBar';
import { SampleRows } from './SampleRows';

type Props = {
  fileName: string;
  head: CsvHead;
  /** The mapping in use, if any; otherwise the editor starts from a guess made from the header. */
  initial: GenericCsvMappingInput | null;
  presets: Remote<ImportPreset[]>;
  busy: boolean;
  onPreview: (mapping: GenericCsvMappingInput) => void;
  onClose: () => void;
};

function start(head: CsvHead, initial: GenericCsvMappingInput | null): { draft: MappingDraft; missing: DraftField[] } {
  return initial === null ? suggestDraft(head) : { draft: draftFromMapping(initial), missing: [] };
}

/** The column mapping for a CSV no dedicated reader knows: pre-filled, checked, saved as a preset. */
export function MappingEditor({ fileName, head, initial, presets, busy, onPreview, onClose }: Props) {
  const [first] = useState(() => start(head, initial));
  const [draft, setDraft] = useState<MappingDraft>(first.draft);
  const [missing, setMissing] = useState<DraftField[]>(first.missing);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const headers = head.headers.filter((h) => h !== '');

  const change = (patch: Partial<MappingDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setMessage(null);
  };

  const check = (): GenericCsvMappingInput | null => {
    const result = mappingFromDraft(draft, headers);
    setErrors(result.ok ? {} : result.errors);
    setMessage(result.ok ? null : result.message);
    return result.ok ? result.mapping : null;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const mapping = check();
    if (mapping !== null) onPreview(mapping);
  };

  const load = (preset: ImportPreset) => {
    setDraft(draftFromMapping(preset.mapping));
    setMissing([]);
    setErrors({});
    setMessage(`Loaded “${preset.name}”. Preview to read the file with it.`);
  };

  return (
    <section className="card mapping" id="mapping-editor" aria-labelledby="mapping-title" data-testid="mapping-editor">
      <header className="card__header">
        <h2 id="mapping-title">Map the columns of {fileName}</h2>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </header>
      <SampleRows head={head} />
      <form className="form" id="mapping-form" onSubmit={submit} noValidate>
        <MappingFields draft={draft} headers={headers} errors={errors} missing={missing} onChange={change} />
        {message && (
          <p className="form__message" role="status">
            {message}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Preview with this mapping
          </button>
        </div>
        <PresetBar presets={presets} current={check} onLoad={load} />
      </form>
    </section>
  );
}
