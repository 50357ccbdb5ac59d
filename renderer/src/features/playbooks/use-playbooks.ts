import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { Playbook } from '../../../../shared/domain/types';
import { callQuietly } from '../../client/quiet-call';
import { client } from '../../client/client';
import { useUndoableSaves, type UndoableSaves } from '../../state/use-undoable-saves';

/** What the page edits on a playbook. */
export type PlaybookPatch = Partial<Pick<Playbook, 'name' | 'description' | 'rules' | 'archived'>>;
type Step = { id: string; patch: PlaybookPatch };

export type PlaybooksEditor = Omit<UndoableSaves<Step>, 'commit' | 'forget' | 'unsettled'> & {
  /** Every playbook, archived ones included; undefined until the first load. */
  playbooks: Playbook[] | undefined;
  loadError: AppError | null;
  reloadList: () => void;
  /** Save a change to one playbook now (one undo step). */
  update: (id: string, patch: PlaybookPatch) => void;
  /** A new playbook; resolves to its id, or to the error in words. */
  create: (name: string) => Promise<{ ok: true; id: string } | { ok: false; message: string }>;
};

function inverseOf(playbook: Playbook, patch: PlaybookPatch): PlaybookPatch | null {
  const undo: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const before = playbook[key as keyof PlaybookPatch];
    if (JSON.stringify(before) !== JSON.stringify(value)) undo[key] = before;
  }
  return Object.keys(undo).length === 0 ? null : undo;
}

/** The playbooks, edited in place and saved as the trader goes, with Ctrl+Z across the page. */
export function usePlaybooks(): PlaybooksEditor {
  const [playbooks, setPlaybooks] = useState<Playbook[] | undefined>(undefined);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const current = useRef<Playbook[] | undefined>(undefined);
  // Counts edits shown on screen, so a list loaded before an edit does not overwrite it.
  const edits = useRef(0);
  const show = (next: Playbook[]) => {
    current.current = next;
    setPlaybooks(next);
  };

  const saves = useUndoableSaves<Step>({
    apply: ({ id, patch }) => {
      edits.current++;
      if (current.current) show(current.current.map((p) => (p.id === id ? { ...p, ...patch } : p)));
    },
    send: (step) => callQuietly('playbooks.update', step),
  });
  const { commit, unsettled } = saves;

  const load = useCallback(async () => {
    const startedAt = edits.current;
    const result = await callQuietly('playbooks.list', { includeArchived: true });
    if (!result.ok) {
      setLoadError(result.error);
      return;
    }
    setLoadError(null);
    // A change made (or still being saved) while this loaded wins over what the journal said before it.
    if (edits.current === startedAt && !unsettled()) show(result.value);
  }, [unsettled]);

  useEffect(() => {
    void load();
    return client.on('journal.changed', ({ entities }) => {
      if (entities.includes('playbooks')) void load();
    });
  }, [load]);

  const update = useCallback(
    (id: string, patch: PlaybookPatch) => {
      const playbook = current.current?.find((p) => p.id === id);
      if (!playbook) return;
      const undo = inverseOf(playbook, patch);
      if (undo !== null) commit({ id, patch }, { id, patch: undo });
    },
    [commit],
  );

  const create = useCallback(async (name: string) => {
    const result = await callQuietly('playbooks.create', { name });
    if (!result.ok) return { ok: false as const, message: result.error.message };
    edits.current++;
    show([...(current.current ?? []), result.value]);
    return { ok: true as const, id: result.value.id };
  }, []);

  return { ...saves, playbooks, loadError, reloadList: () => void load(), update, create };
}
