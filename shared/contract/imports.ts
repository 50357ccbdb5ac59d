import { z } from 'zod';
import type { TradeSide } from '../domain/types';
import { genericCsvMappingSchema } from '../import/formats/generic-csv';
import type { ImportIssue } from '../import/types';
import { decimal, epochMs, id, positiveDecimal, timeZone } from './common';
import { method } from './define';

/** Largest file the UI may send inline (the CLI streams files of any size from disk). */
export const MAX_INLINE_IMPORT_BYTES = 30 * 1024 * 1024;

export type FormatInfo = { id: string; label: string; streamable: boolean };
export type FormatCandidate = { id: string; label: string; confidence: number };

/** What one file will bring in, before anything is written. */
export type FilePreview = {
  fileName: string;
  format: FormatCandidate | null;
  /** Other formats that recognised the file, best first. */
  candidates: FormatCandidate[];
  executions: number;
  /** Of `executions`: not in the journal yet / already there (same broker id or same content). */
  new: number;
  duplicate: number;
  /** Rows skipped on purpose: cancelled or rejected orders, balance lines. */
  ignored: number;
  errorCount: number;
  /** The first problems, each naming file, line and column. */
  errors: ImportIssue[];
  warningCount: number;
  warnings: ImportIssue[];
};

/** The round trips the new executions would make, for a first look. */
export type PreviewTrade = {
  account: string;
  symbol: string;
  side: TradeSide;
  status: 'open' | 'closed';
  openedAt: number;
  closedAt: number | null;
  quantity: string;
  entryPrice: string;
  exitPrice: string | null;
  netPnl: string;
};

/**
 * Where the rows of one account label go. `named` is false for files that do not name an
 * account; their `label` is then the file format's name.
 */
export type AccountPlan = {
  label: string;
  named: boolean;
  accountId: string | null;
  accountName: string;
  create: boolean;
};

export type ImportPreview = {
  importId: string;
  files: FilePreview[];
  totals: { executions: number; new: number; duplicate: number; ignored: number; errors: number; warnings: number };
  accounts: AccountPlan[];
  trades: PreviewTrade[];
};

export type ImportSummary = {
  importId: string;
  batchId: string | null;
  executions: { new: number; duplicate: number };
  ignored: number;
  errors: number;
  trades: { created: number; updated: number; removed: number };
  accountsCreated: string[];
  warnings: ImportIssue[];
};

export type ImportBatch = {
  id: string;
  createdAt: number;
  files: string[];
  formats: string[];
  executionsNew: number;
  executionsDuplicate: number;
  ignored: number;
  errors: number;
  tradesCreated: number;
};

export type ImportPreset = {
  id: string;
  name: string;
  mapping: z.output<typeof genericCsvMappingSchema>;
  createdAt: number;
};

const importOptions = {
  /** The caller's id for this import, so it can follow progress and cancel from the start. */
  importId: z.uuid().optional(),
  /** Every file in this account; null: by the account named in the file, else the only account, else a new one. */
  accountId: id.nullable().default(null),
  /** Read the files as this format instead of the detected one. */
  formatId: z.string().min(1).max(60).optional(),
  /** Zone for times written without an offset; default: the account's zone, else the broker's documented zone. */
  timeZone: timeZone.optional(),
  /** Column mapping for the generic CSV format. */
  mapping: genericCsvMappingSchema.optional(),
};

const manualExecution = z
  .object({
    symbol: z.string().trim().min(1).max(40),
    assetClass: z.enum(['stock', 'future', 'option', 'crypto', 'forex']),
    side: z.enum(['buy', 'sell']),
    quantity: positiveDecimal,
    price: decimal.refine((v) => !v.startsWith('-'), 'cannot be negative'),
    fee: decimal.default('0'),
    executedAt: epochMs,
  })
  .strict();

export type ManualExecution = z.input<typeof manualExecution>;

export const importsContract = {
  'import.formats': method<FormatInfo[]>()(z.object({}).strict()),
  /** Read the files and report what would change; writes nothing. */
  'import.preview': method<ImportPreview>()(
    z
      .object({
        files: z
          .array(
            z
              .object({
                fileName: z.string().trim().min(1).max(255),
                dataBase64: z
                  .string()
                  .max(Math.ceil(MAX_INLINE_IMPORT_BYTES / 3) * 4, 'is larger than 30 MB; use `tpj import`'),
              })
              .strict(),
          )
          .min(1)
          .max(20),
        ...importOptions,
      })
      .strict(),
  ),
  /** Write a previewed import in one transaction. With row errors, only when `skipInvalid` says to. */
  'import.commit': method<ImportSummary>()(
    z.object({ importId: z.string().min(1).max(64), skipInvalid: z.boolean().default(false) }).strict(),
  ),
  /** Stop a preview that is still reading, or discard a finished one. */
  'import.cancel': method<{ cancelled: boolean }>()(z.object({ importId: z.string().min(1).max(64) }).strict()),
  'import.history': method<ImportBatch[]>()(z.object({}).strict()),
  'import.presets.list': method<ImportPreset[]>()(z.object({}).strict()),
  'import.presets.save': method<ImportPreset>()(
    z.object({ id: id.optional(), name: z.string().trim().min(1).max(100), mapping: genericCsvMappingSchema }).strict(),
  ),
  'import.presets.delete': method<{ id: string }>()(z.object({ id }).strict()),
  /** Fills typed in by hand, for brokers without an export; grouped into trades like an import. */
  'executions.add': method<ImportSummary>()(
    z.object({ accountId: id, executions: z.array(manualExecution).min(1).max(500) }).strict(),
  ),
};
