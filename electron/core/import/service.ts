import { statSync } from 'node:fs';
import type { ImportPreview, ImportSummary, ParsedInput } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import type { EventMap } from '../../../shared/contract/events';
import { brokerFormats } from '../../../shared/import/formats/index';
import type { ImportIssue } from '../../../shared/import/types';
import { uuidv7 } from '../journal/ids';
import type { Store } from '../journal/store';
import { importTimeZone, planAccounts, unnamedAccount } from './account-plan';
import { commitStaged } from './commit';
import { previewTrades, stagedCounts } from './counts';
import { parseSource, type FileOptions, type ImportSource, type ParsedFileInfo } from './parse-file';
import { Stage } from './stage';

type Session = {
  id: string;
  stage: Stage;
  preview: ImportPreview | null;
  files: string[];
  formats: string[];
  brokerLabel: string;
  ignored: number;
  errors: number;
  abort: AbortController;
  createdAt: number;
};

type Emit = (payload: EventMap['import.progress']) => void;

const SESSION_TTL_MS = 30 * 60_000;
const ISSUES_SHOWN = 200;

export type PreviewOptions = { accountId: string | null; importId?: string } & FileOptions;

/**
 * Imports in two steps: `preview` reads and stages the files and reports what would change
 * (writing nothing to the journal); `commit` writes a previewed import in one transaction.
 * Sessions live in memory and expire after 30 minutes.
 */
export class ImportService {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly store: Store,
    private readonly emit: Emit,
  ) {}

  formats() {
    return brokerFormats.map((f) => ({ id: f.id, label: f.label, streamable: f.streamable === true }));
  }

  /** Preview files sent by the UI (bytes) or named by the CLI (paths). */
  async preview(sources: ImportSource[], options: PreviewOptions): Promise<ImportPreview> {
    this.expireSessions();
    if (options.importId && this.sessions.has(options.importId)) {
      throw new CoreError('CONFLICT', 'An import with this id is already under way.');
    }
    const session: Session = {
      id: options.importId ?? uuidv7(),
      stage: new Stage(this.store.db, options.keepRows ?? keepRowsFor(sources)),
      preview: null,
      files: sources.map((s) => s.fileName),
      formats: [],
      brokerLabel: '',
      ignored: 0,
      errors: 0,
      abort: new AbortController(),
      createdAt: Date.now(),
    };
    this.sessions.set(session.id, session);
    try {
      const timeZone = importTimeZone(this.store.db, options.timeZone, options.accountId);
      const infos = await this.stageFiles(session, sources, { ...options, ...(timeZone ? { timeZone } : {}) });
      session.formats = infos.map((i) => i.format.id);
      session.brokerLabel = infos[0]?.format.label ?? 'Imported';
      const accounts = planAccounts(this.store.db, session.stage, options.accountId);
      session.preview = this.describe(session, infos, accounts);
      this.emit({ importId: session.id, phase: 'done', done: 1, total: 1 });
      return session.preview;
    } catch (error) {
      this.discard(session.id);
      if (session.abort.signal.aborted)
        throw new CoreError('CONFLICT', 'The import was cancelled; nothing was written.');
      throw error;
    }
  }

  commit({ importId, skipInvalid }: ParsedInput<'import.commit'>): ImportSummary {
    const session = this.sessions.get(importId);
    if (!session?.preview)
      throw new CoreError('NOT_FOUND', 'That import preview has expired or was cancelled; preview the files again.');
    const { totals, accounts } = session.preview;
    if (totals.errors > 0 && !skipInvalid) {
      const first = session.preview.files.flatMap((f) => f.errors)[0];
      const where = first ? ` (first: ${describeIssue(first)})` : '';
      throw new CoreError(
        'CONFLICT',
        `${totals.errors} rows could not be read${where}. Import the ${totals.executions} valid rows, or cancel.`,
      );
    }
    this.emit({ importId, phase: 'writing', done: 0, total: totals.executions });
    try {
      const summary = commitStaged(this.store, {
        stage: session.stage,
        importId,
        accounts,
        brokerLabel: session.brokerLabel,
        files: session.files,
        formats: session.formats,
        ignored: session.ignored,
        errors: session.errors,
      });
      this.emit({ importId, phase: 'done', done: totals.executions, total: totals.executions });
      return summary;
    } finally {
      this.discard(importId);
    }
  }

  /** Stop a preview still reading, or drop a finished one. */
  cancel(importId: string): { cancelled: boolean } {
    const session = this.sessions.get(importId);
    if (!session) return { cancelled: false };
    session.abort.abort();
    if (session.preview) this.discard(importId);
    return { cancelled: true };
  }

  private async stageFiles(session: Session, sources: ImportSource[], options: FileOptions): Promise<ParsedFileInfo[]> {
    const infos: ParsedFileInfo[] = [];
    for (const [fileIndex, source] of sources.entries()) {
      const info = await parseSource(
        source,
        options,
        // Files that name no account are planned per format (see planAccounts).
        (batch, formatLabel) => session.stage.write(batch, fileIndex, unnamedAccount(formatLabel)),
        (done, total) => this.emit({ importId: session.id, phase: 'reading', done, total }),
        session.abort.signal,
      );
      session.ignored += info.ignored;
      session.errors += info.errors.length;
      infos.push(info);
    }
    return infos;
  }

  private describe(session: Session, infos: ParsedFileInfo[], accounts: ImportPreview['accounts']): ImportPreview {
    const counts = stagedCounts(this.store.db, session.stage);
    const files = infos.map((info, i) => {
      const c = counts.get(i) ?? { total: 0, duplicate: 0 };
      return {
        fileName: session.files[i] ?? '',
        format: info.format,
        candidates: info.candidates,
        executions: c.total,
        new: c.total - c.duplicate,
        duplicate: c.duplicate,
        ignored: info.ignored,
        errorCount: info.errors.length,
        errors: info.errors.slice(0, ISSUES_SHOWN),
        warningCount: info.warnings.length,
        warnings: info.warnings.slice(0, ISSUES_SHOWN),
      };
    });
    const sum = (pick: (f: (typeof files)[number]) => number) => files.reduce((n, f) => n + pick(f), 0);
    const names = new Map(accounts.map((a) => [a.accountId ?? '', a.accountName]));
    return {
      importId: session.id,
      files,
      totals: {
        executions: sum((f) => f.executions),
        new: sum((f) => f.new),
        duplicate: sum((f) => f.duplicate),
        ignored: sum((f) => f.ignored),
        errors: sum((f) => f.errorCount),
        warnings: sum((f) => f.warningCount),
      },
      accounts,
      trades: previewTrades(this.store.db, session.stage, names),
    };
  }

  private discard(importId: string): void {
    this.sessions.get(importId)?.stage.drop();
    this.sessions.delete(importId);
  }

  private expireSessions(): void {
    const cutoff = Date.now() - SESSION_TTL_MS;
    for (const s of this.sessions.values()) if (s.createdAt < cutoff) this.discard(s.id);
  }
}

/** Files this large hold more fills than the stage keeps in memory: do not start keeping them. */
const KEEP_ROWS_MAX_BYTES = 48 * 1024 * 1024;

function keepRowsFor(sources: readonly ImportSource[]): number | undefined {
  // A file that cannot be read counts as empty here; reading it reports the problem.
  const size = (s: ImportSource) =>
    'bytes' in s ? s.bytes.length : (statSync(s.path, { throwIfNoEntry: false })?.size ?? 0);
  const bytes = sources.reduce((n, s) => n + size(s), 0);
  return bytes > KEEP_ROWS_MAX_BYTES ? 0 : undefined;
}

/** "trades.csv line 12, column Price: not a number" */
export function describeIssue(issue: ImportIssue): string {
  return `${issue.file} line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}: ${issue.message}`;
}
