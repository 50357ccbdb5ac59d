import { useRef, useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { BackupInspection, RestoreSummary } from '../../../../shared/contract/backups';
import type { AppStatus } from '../../../../shared/domain/types';
import { useJournal } from '../../state/journal-store';
import { backupPathProblem, cleanPastedPath } from './paths';
import { callQuietly } from '../../client/quiet-call';
import type { Operation } from './use-operation';

type LiveCounts = AppStatus['counts'];

export type RestoreStage =
  | { kind: 'idle' }
  | { kind: 'inspecting'; file: string }
  | { kind: 'inspect-failed'; file: string; error: AppError }
  | { kind: 'confirming'; inspection: BackupInspection }
  | { kind: 'restoring'; inspection: BackupInspection }
  | { kind: 'failed'; inspection: BackupInspection; error: AppError }
  /** `before`: what the journal showed just before (the status counts, deleted rows left out). */
  | { kind: 'restored'; summary: RestoreSummary; before: LiveCounts | null };

export type Restore = {
  /** The path field; set by typing or by "Restore…" in the list. */
  path: string;
  setPath: (path: string) => void;
  /** Why the typed path cannot be a backup; shown once the trader tried it. */
  pathProblem: string | null;
  stage: RestoreStage;
  /** First step: what restoring `file` (or the typed path) would replace. Nothing is changed. */
  inspect: (file?: string) => void;
  /** Second step, after the trader confirmed: replace the journal. */
  restore: () => void;
  /** Back to the empty form (Escape, Cancel, Done). */
  reset: () => void;
};

/**
 * Restore in two deliberate steps: inspect (cheap, changes nothing) → confirm → restore,
 * which checks every byte before touching the journal. Only the newest inspection may
 * change the screen.
 */
export function useRestore(operation: Operation, onRestored: (summary: RestoreSummary) => void): Restore {
  const [path, setPathText] = useState('');
  const [pathProblem, setPathProblem] = useState<string | null>(null);
  const [stage, setStage] = useState<RestoreStage>({ kind: 'idle' });
  const latest = useRef(0);

  const inspect = async (chosen?: string) => {
    const text = chosen ?? path;
    if (chosen !== undefined) setPathText(chosen);
    const problem = backupPathProblem(text);
    setPathProblem(problem);
    if (problem !== null) return;
    const file = cleanPastedPath(text);
    const request = ++latest.current;
    setStage({ kind: 'inspecting', file });
    const result = await callQuietly('backups.inspect', { file });
    if (request !== latest.current) return;
    setStage(
      result.ok
        ? { kind: 'confirming', inspection: result.value }
        : { kind: 'inspect-failed', file, error: result.error },
    );
  };

  const restore = async () => {
    if (stage.kind !== 'confirming' && stage.kind !== 'failed') return;
    const { inspection } = stage;
    const request = ++latest.current;
    const before = useJournal.getState().status?.counts ?? null;
    setStage({ kind: 'restoring', inspection });
    const result = await operation.run('restore', () => callQuietly('backups.restore', { file: inspection.file }));
    if (request !== latest.current) return;
    if (!result.ok) {
      setStage({ kind: 'failed', inspection, error: result.error });
      return;
    }
    setPathText('');
    setStage({ kind: 'restored', summary: result.value, before });
    onRestored(result.value);
  };

  return {
    path,
    setPath: (next) => {
      setPathText(next);
      setPathProblem(null);
    },
    pathProblem,
    stage,
    inspect: (file) => void inspect(file),
    restore: () => void restore(),
    reset: () => {
      // A restore under way is not abandoned by Escape; it has its own Cancel.
      if (stage.kind === 'restoring') return;
      latest.current++;
      setPathProblem(null);
      setStage({ kind: 'idle' });
    },
  };
}
