import { describe, expect, it } from 'vitest';
import type { BackupCreated, BackupInfo } from '../../../../shared/contract/backups';
import { createdText, newestFirst } from './backup-list';

const info = (file: string, createdAt: number): BackupInfo => ({
  file,
  name: file.slice(file.lastIndexOf('/') + 1),
  location: 'journal',
  size: 1000,
  createdAt,
  verified: true,
  verifiedAt: createdAt,
});

describe('the backups list', () => {
  it('puts the newest backup first, whichever folder it is in', () => {
    const list = [info('/j/a.tpjbak', 1), info('/usb/c.tpjbak', 3), info('/j/b.tpjbak', 2), info('/j/0.tpjbak', 2)];
    expect(newestFirst(list).map((b) => b.file)).toEqual([
      '/usb/c.tpjbak',
      '/j/0.tpjbak',
      '/j/b.tpjbak',
      '/j/a.tpjbak',
    ]);
  });

  it('says what a new backup holds and what retention removed', () => {
    const created: BackupCreated = {
      ...info('/j/new.tpjbak', 5),
      size: 1_839_784,
      tables: { trades: 200, executions: 509 },
      attachments: 0,
      includesEmbeddings: false,
      removed: [],
    };
    expect(createdText(created, 'en-US')).toBe('Backed up and verified: 1.8 MB, 200 trades.');
    expect(
      createdText({ ...created, location: 'export', attachments: 1, removed: ['/j/a.tpjbak', '/j/b.tpjbak'] }, 'en-US'),
    ).toBe(
      'Backed up to the export folder and verified: 1.8 MB, 200 trades, 1 attachment. 2 older backups removed by the retention rule.',
    );
  });
});
