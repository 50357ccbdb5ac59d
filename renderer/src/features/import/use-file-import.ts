import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, EventMap, ImportPreview, ImportSummary } from '../../../../shared/contract';
import { client } from '../../client/client';
import { loadFile, sortDroppedFiles, type LoadedFile } from './import-files';
import {
  classifyPreviewError,
  defaultChoices,
  previewInput,
  type ImportChoices,
  type PreviewProblem,
} from './preview-request';
import { callQuietly } from '../../client/quiet-call';

export type ImportProgress = EventMap['import.progress'];

export type ImportStage =
  | { kind: 'empty' }
  | { kind: 'loading' }
  | { kind: 'previewing' }
  | { kind: 'ready'; preview: ImportPreview; fresh: boolean }
  | { kind: 'failed'; error: AppError; problem: PreviewProblem }
  | { kind: 'committing'; preview: ImportPreview }
  | { kind: 'done'; summary: ImportSummary };

export type FileImport = {
  files: LoadedFile[];
  /** Why dropped files were left out (too large, too many). */
  refused: string[];
  choices: ImportChoices;
  stage: ImportStage;
  progress: ImportProgress | null;
  addFiles: (files: readonly File[]) => void;
  /** Change an option; the preview runs again with it. */
  choose: (patch: Partial<ImportChoices>) => void;
  retry: () => void;
  commit: (skipInvalid: boolean) => void;
  /** Drop the preview and the files (nothing is written), or close the summary: back to the drop zone. */
  cancel: () => void;
};

const unreadable: AppError = {
  code: 'INVALID_INPUT',
  message: 'The files could not be read from this computer. Check that they still exist, then drop them again.',
};

/**
 * The file import as a small state machine: files → preview (again on every option
 * change, the previous one cancelled) → commit → summary. Only the newest request may
 * change the screen; an older preview that still answers is discarded in the core.
 */
export function useFileImport(onImported: () => void): FileImport {
  const [files, setFiles] = useState<LoadedFile[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const [choices, setChoices] = useState<ImportChoices>(defaultChoices);
  const [stage, setStage] = useState<ImportStage>({ kind: 'empty' });
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const latest = useRef(0);
  // The id of the import on screen. The page chooses it before asking for a preview, so
  // progress and Escape work from the first moment of a long read.
  const session = useRef<{ id: string | null; waiting: boolean }>({ id: null, waiting: false });
  const dropped = useRef(new Set<string>());

  const discard = useCallback(() => {
    const id = session.current.id;
    session.current = { id: null, waiting: false };
    if (id === null) return;
    dropped.current.add(id);
    void callQuietly('import.cancel', { importId: id });
  }, []);

  useEffect(() => {
    const off = client.on('import.progress', (p) => {
      const s = session.current;
      if (dropped.current.has(p.importId)) return;
      if (p.importId === s.id) setProgress(p);
    });
    return () => {
      off();
      // A preview left on screen when the trader navigates away is not kept for 30 minutes.
      discard();
    };
  }, [discard]);

  const runPreview = useCallback(
    async (next: LoadedFile[], nextChoices: ImportChoices, fresh: boolean) => {
      const request = ++latest.current;
      discard();
      const importId = crypto.randomUUID();
      session.current = { id: importId, waiting: true };
      setProgress(null);
      setStage({ kind: 'previewing' });
      const result = await callQuietly('import.preview', { ...previewInput(next, nextChoices), importId });
      if (request !== latest.current) {
        if (result.ok) void callQuietly('import.cancel', { importId: result.value.importId });
        return;
      }
      session.current = { id: result.ok ? result.value.importId : null, waiting: false };
      if (result.ok) setStage({ kind: 'ready', preview: result.value, fresh });
      else {
        const problem = classifyPreviewError(
          result.error,
          next.map((f) => f.name),
        );
        setStage({ kind: 'failed', error: result.error, problem });
      }
    },
    [discard],
  );

  const addFiles = async (list: readonly File[]) => {
    const { accepted, refused: left } = sortDroppedFiles(list);
    setRefused(left);
    if (accepted.length === 0) return;
    const request = ++latest.current;
    discard();
    setStage({ kind: 'loading' });
    let loaded: LoadedFile[];
    try {
      loaded = await Promise.all(accepted.map(loadFile));
    } catch {
      if (request === latest.current) setStage({ kind: 'failed', error: unreadable, problem: { kind: 'other' } });
      return;
    }
    if (request !== latest.current) return;
    // Account and zone usually hold for the next file too; a format or mapping belongs to the old one.
    const next = { ...choices, formatId: null, mapping: null };
    setFiles(loaded);
    setChoices(next);
    await runPreview(loaded, next, true);
  };

  const choose = (patch: Partial<ImportChoices>) => {
    const next = { ...choices, ...patch };
    setChoices(next);
    if (files.length > 0) void runPreview(files, next, false);
  };

  const commit = async (skipInvalid: boolean) => {
    if (stage.kind !== 'ready') return;
    const { preview } = stage;
    latest.current++;
    setProgress(null);
    setStage({ kind: 'committing', preview });
    const result = await callQuietly('import.commit', { importId: preview.importId, skipInvalid });
    if (result.ok) {
      session.current = { id: null, waiting: false };
      setFiles([]);
      setStage({ kind: 'done', summary: result.value });
      onImported();
    } else {
      // Nothing was written; the preview is dropped and "Try again" reads the files afresh.
      discard();
      setStage({ kind: 'failed', error: result.error, problem: { kind: 'commit' } });
    }
  };

  const cancel = () => {
    latest.current++;
    discard();
    setFiles([]);
    setRefused([]);
    setProgress(null);
    setStage({ kind: 'empty' });
  };

  return {
    files,
    refused,
    choices,
    stage,
    progress,
    addFiles: (list) => void addFiles(list),
    choose,
    retry: () => void runPreview(files, choices, false),
    commit: (skipInvalid) => void commit(skipInvalid),
    cancel,
  };
}
