import type { AppError, MethodInput } from '../../../../shared/contract';
import type { GenericCsvMappingInput } from '../../../../shared/import/formats/generic-csv';
import type { LoadedFile } from './import-files';

/** The trader's choices for one import; null means "as the file says". */
export type ImportChoices = {
  accountId: string | null;
  timeZone: string | null;
  formatId: string | null;
  mapping: GenericCsvMappingInput | null;
};

export const defaultChoices: ImportChoices = { accountId: null, timeZone: null, formatId: null, mapping: null };

/** The `import.preview` input; options left at "as the file says" are left out. */
export function previewInput(files: readonly LoadedFile[], choices: ImportChoices): MethodInput<'import.preview'> {
  const input: MethodInput<'import.preview'> = {
    files: files.map((f) => ({ fileName: f.name, dataBase64: f.dataBase64 })),
    accountId: choices.accountId,
  };
  if (choices.timeZone !== null) input.timeZone = choices.timeZone;
  // A mapping is a format of its own; sending both would let the core pick one silently.
  if (choices.mapping !== null) input.mapping = choices.mapping;
  else if (choices.formatId !== null) input.formatId = choices.formatId;
  return input;
}

/** What a refused preview (or a refused commit of one) asks of the trader. */
export type PreviewProblem =
  | { kind: 'account' }
  | { kind: 'format'; fileName: string }
  | { kind: 'cancelled' }
  | { kind: 'commit' }
  | { kind: 'other' };

/**
 * Reads a refused `import.preview`. The core marks "which account?" with a field; a file
 * it cannot read is named at the start of the message ("trades.csv: …", "trades.csv, line 1: …").
 */
export function classifyPreviewError(error: AppError, fileNames: readonly string[]): PreviewProblem {
  if (error.fields?.some((f) => f.path === 'accountId')) return { kind: 'account' };
  if (error.code === 'CONFLICT' && /cancelled/i.test(error.message)) return { kind: 'cancelled' };
  if (error.code === 'INVALID_INPUT') {
    const named = [...fileNames]
      .sort((a, b) => b.length - a.length)
      .find((name) => error.message.startsWith(`${name}:`) || error.message.startsWith(`${name}, line`));
    if (named !== undefined) return { kind: 'format', fileName: named };
  }
  return { kind: 'other' };
}
