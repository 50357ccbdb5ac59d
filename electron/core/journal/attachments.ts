import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedInput } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import type { Attachment } from '../../../shared/domain/types';
import { newId, type Store } from './store';

type AttachmentRow = {
  id: string;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  trade_id: string | null;
  journal_entry_id: string | null;
  created_at: number;
};

const columns = `id, sha256, file_name, mime, size, trade_id, journal_entry_id, created_at`;

function toAttachment(r: AttachmentRow): Attachment {
  return {
    id: r.id,
    sha256: r.sha256,
    fileName: r.file_name,
    mime: r.mime,
    size: r.size,
    tradeId: r.trade_id,
    journalEntryId: r.journal_entry_id,
    createdAt: r.created_at,
  };
}

/** Screenshots and files, stored once per content hash in `<dataDir>/files/<sha256>`. */
export class Attachments {
  constructor(
    private readonly store: Store,
    private readonly filesDir: string,
  ) {}

  list(input: ParsedInput<'attachments.list'>): Attachment[] {
    const rows = this.store.db
      .prepare(
        `SELECT ${columns} FROM attachments WHERE deleted_hlc IS NULL
           AND (@trade IS NULL OR trade_id = @trade) AND (@entry IS NULL OR journal_entry_id = @entry)
         ORDER BY created_at`,
      )
      .all({ trade: input.tradeId ?? null, entry: input.journalEntryId ?? null }) as AttachmentRow[];
    return rows.map(toAttachment);
  }

  get(id: string): Attachment {
    const row = this.store.db
      .prepare(`SELECT ${columns} FROM attachments WHERE id = ? AND deleted_hlc IS NULL`)
      .get(id) as AttachmentRow | undefined;
    if (!row) throw new CoreError('NOT_FOUND', 'That attachment no longer exists.');
    return toAttachment(row);
  }

  add(input: ParsedInput<'attachments.add'>): Attachment {
    const bytes = Buffer.from(input.dataBase64, 'base64');
    if (bytes.length === 0)
      throw new CoreError('INVALID_INPUT', 'The file is empty.', [{ path: 'dataBase64', message: 'is empty' }]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // The file lands before the row: a crash in between leaves an unreferenced file, never a row without its file.
    this.writeContent(sha256, bytes);
    const id = newId();
    this.store.mutate((w) =>
      w.insert('attachments', {
        id,
        sha256,
        file_name: input.fileName,
        mime: input.mime,
        size: bytes.length,
        trade_id: input.tradeId,
        journal_entry_id: input.journalEntryId,
        created_at: Date.now(),
      }),
    );
    return this.get(id);
  }

  read({ id }: { id: string }): { attachment: Attachment; dataBase64: string } {
    const attachment = this.get(id);
    const path = join(this.filesDir, attachment.sha256);
    if (!existsSync(path))
      throw new CoreError('NOT_FOUND', `The file for "${attachment.fileName}" is missing from the journal folder.`);
    return { attachment, dataBase64: readFileSync(path).toString('base64') };
  }

  /** Removes the record; the content file stays while other records or backups may point at it. */
  delete({ id }: { id: string }): { id: string } {
    this.store.mutate((w) => w.remove('attachments', id));
    return { id };
  }

  private writeContent(sha256: string, bytes: Buffer): void {
    const path = join(this.filesDir, sha256);
    if (existsSync(path)) return;
    mkdirSync(this.filesDir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, bytes, { flush: true });
    renameSync(temp, path);
  }
}
