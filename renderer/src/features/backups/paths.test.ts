import { describe, expect, it } from 'vitest';
import { backupPathProblem, baseName, cleanPastedPath, folderOf, folderPathProblem, isFullPath } from './paths';

describe('backup paths', () => {
  it('finds the folder and the name of a file on macOS, Linux and Windows', () => {
    expect(folderOf('/Volumes/USB/tpj-backup-20261123T030000Z.tpjbak')).toBe('/Volumes/USB');
    expect(folderOf('C:\\Users\\ana\\Backups\\x.tpjbak')).toBe('C:\\Users\\ana\\Backups');
    expect(folderOf('/x.tpjbak')).toBe('/');
    expect(folderOf('D:\\x.tpjbak')).toBe('D:\\');
    expect(baseName('C:\\Backups\\tpj-backup-1.tpjbak')).toBe('tpj-backup-1.tpjbak');
  });

  it('knows a full path from a relative one', () => {
    expect(isFullPath('/home/ana')).toBe(true);
    expect(isFullPath('D:\\Backups')).toBe(true);
    expect(isFullPath('d:/Backups')).toBe(true);
    expect(isFullPath('\\\\nas\\journal')).toBe(true);
    expect(isFullPath('Backups')).toBe(false);
    expect(isFullPath('~/Backups')).toBe(false);
  });

  it('drops the quotes a file manager adds when copying a path', () => {
    expect(cleanPastedPath('  "/Volumes/My Drive/a.tpjbak" ')).toBe('/Volumes/My Drive/a.tpjbak');
    expect(cleanPastedPath("'/tmp/a.tpjbak'")).toBe('/tmp/a.tpjbak');
    expect(cleanPastedPath('/tmp/"odd".tpjbak')).toBe('/tmp/"odd".tpjbak');
  });

  it('says what is wrong with a path typed for a restore', () => {
    expect(backupPathProblem(' ')).toMatch(/^Enter the path of a \.tpjbak file/);
    expect(backupPathProblem('backups/a.tpjbak')).toMatch(/^Enter the full path/);
    expect(backupPathProblem('/tmp/journal.sqlite')).toBe('A backup file ends in .tpjbak.');
    expect(backupPathProblem('"/tmp/a.TPJBAK"')).toBeNull();
  });

  it('says what is wrong with a folder typed for an export', () => {
    expect(folderPathProblem('')).toBe('Enter the full path of the folder to export to.');
    expect(folderPathProblem('USB/backups')).toMatch(/^Enter the full path, starting at the drive/);
    expect(folderPathProblem(' "/Volumes/USB" ')).toBeNull();
  });
});
