import { useEffect, useRef, useState } from 'react';
import type { FormatInfo, ImportPreset } from '../../../../shared/contract';
import { useJournal, useTimeZone } from '../../state/journal-store';
import type { Remote } from '../../state/use-remote';
import { progressPercent, progressText } from './choices';
import { DropZone } from './DropZone';
import { FilePreviewCard, MAP_COLUMNS, type FormatPick } from './FilePreviewCard';
import { AccountPlanList } from './AccountPlanList';
import { ImportOptionsBar } from './ImportOptionsBar';
import { ImportSummaryView } from './ImportSummaryView';
import { MappingEditor } from './MappingEditor';
import { PreviewDecision } from './PreviewDecision';
import { PreviewFailure } from './PreviewFailure';
import { PreviewTradesTable } from './PreviewTradesTable';
import { ProgressBar } from './ProgressBar';
import { useEscape } from './use-escape';
import { useFileImport } from './use-file-import';

type Props = { active: boolean; formats: FormatInfo[]; presets: Remote<ImportPreset[]>; onImported: () => void };

/** 'auto' shows the mapping editor when the files need it; the trader can open or close it. */
type MappingView = 'auto' | 'open' | 'closed';

/** Broker files in: drop, preview, adjust, import. */
export function FileImport({ active, formats, presets, onImported }: Props) {
  const imp = useFileImport(onImported);
  const { stage, choices, files } = imp;
  const accounts = useJournal((s) => s.accounts);
  const timeZone = useTimeZone();
  const [mappingView, setMappingView] = useState<MappingView>('auto');
  const [drops, setDrops] = useState(0);
  const [revealMapping, setRevealMapping] = useState(false);
  const pickRef = useRef<HTMLButtonElement>(null);
  const commitRef = useRef<HTMLButtonElement>(null);
  const preview = stage.kind === 'ready' || stage.kind === 'committing' ? stage.preview : null;
  const failure = stage.kind === 'failed' ? stage : null;

  const addFiles = (list: File[]) => {
    setMappingView('auto');
    setDrops((n) => n + 1);
    imp.addFiles(list);
  };
  const cancel = () => {
    imp.cancel();
    setMappingView('auto');
    pickRef.current?.focus();
  };
  useEscape(active && ['loading', 'previewing', 'ready', 'failed'].includes(stage.kind), cancel);

  useEffect(() => {
    // After the first preview of new files Enter imports; a question about the account goes to its select.
    if (stage.kind === 'ready' && stage.fresh) commitRef.current?.focus();
    if (stage.kind === 'failed' && stage.problem.kind === 'account') document.getElementById('import-account')?.focus();
    if (stage.kind === 'done') document.getElementById('import-summary')?.focus();
  }, [stage]);

  useEffect(() => {
    if (!revealMapping) return;
    setRevealMapping(false);
    document.getElementById('mapping-editor')?.scrollIntoView({ block: 'start' });
    document.getElementById('mapping-form')?.querySelector('select')?.focus();
  }, [revealMapping]);

  const pick: FormatPick = {
    value: choices.mapping !== null || mappingView === 'open' ? MAP_COLUMNS : (choices.formatId ?? ''),
    formats,
    fileCount: files.length,
    onPick: (value) => {
      if (value === MAP_COLUMNS) {
        setMappingView('open');
        setRevealMapping(true);
        return;
      }
      setMappingView('auto');
      imp.choose({ formatId: value === '' ? null : value, mapping: null });
    },
  };

  const failedFile = failure?.problem.kind === 'format' ? failure.problem.fileName : null;
  const mapFile = files.find((f) => f.name === failedFile && f.head !== null) ?? files.find((f) => f.head !== null);
  const mapHead = mapFile?.head ?? null;
  const needsMapping =
    choices.mapping !== null ||
    failedFile !== null ||
    (preview?.files.some((f) => f.format?.id.startsWith('generic-csv')) ?? false);
  const showMapping = mappingView === 'open' || (mappingView === 'auto' && needsMapping);
  const busy = stage.kind === 'loading' || stage.kind === 'previewing' || stage.kind === 'committing';

  if (stage.kind === 'done') {
    return (
      <ImportSummaryView
        id="import-summary"
        summary={stage.summary}
        title="Import finished"
        onMore={cancel}
        moreLabel="Import more files"
      />
    );
  }

  return (
    <div className="import-flow">
      <DropZone
        compact={stage.kind !== 'empty'}
        active={active}
        busy={stage.kind === 'loading' || stage.kind === 'committing'}
        fileNames={files.map((f) => f.name)}
        refused={imp.refused}
        onFiles={addFiles}
        pickRef={pickRef}
      />
      {files.length > 0 && (
        <ImportOptionsBar
          choices={choices}
          accounts={accounts}
          displayZone={timeZone}
          needsAccount={failure?.problem.kind === 'account'}
          disabled={stage.kind === 'committing'}
          onChoose={imp.choose}
        />
      )}
      {(stage.kind === 'loading' || stage.kind === 'previewing') && (
        <section className="card card--padded">
          <ProgressBar
            label={stage.kind === 'loading' ? 'Reading the files…' : progressText(imp.progress, 'Reading')}
            percent={progressPercent(imp.progress)}
          />
        </section>
      )}
      {failure && (
        <PreviewFailure
          error={failure.error}
          problem={failure.problem}
          pick={pick}
          canMap={mapHead !== null}
          canRetry={files.length > 0}
          onMap={() => {
            setMappingView('open');
            setRevealMapping(true);
          }}
          onRetry={imp.retry}
          onCancel={cancel}
        />
      )}
      {preview && (
        <PreviewDecision
          preview={preview}
          committing={stage.kind === 'committing'}
          progress={imp.progress}
          onCommit={imp.commit}
          onCancel={cancel}
          commitRef={commitRef}
        />
      )}
      {preview?.files.map((file) => (
        <FilePreviewCard key={file.fileName} file={file} pick={pick} disabled={busy} />
      ))}
      {showMapping && mapFile && mapHead && (
        <MappingEditor
          key={`${drops}-${mapFile.name}`}
          fileName={mapFile.name}
          head={mapHead}
          initial={choices.mapping}
          presets={presets}
          busy={busy}
          onPreview={(mapping) => imp.choose({ mapping, formatId: null })}
          onClose={() => setMappingView('closed')}
        />
      )}
      {preview && <AccountPlanList plans={preview.accounts} />}
      {preview && preview.totals.new > 0 && <PreviewTradesTable trades={preview.trades} timeZone={timeZone} />}
    </div>
  );
}
