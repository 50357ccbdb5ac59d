import { describe, expect, it } from 'vitest';
import { progressPercent, progressText, restoreFailure } from './progress';

describe('backup progress', () => {
  it('names the phase and the whole percent done', () => {
    const writing = { operation: 'backup' as const, phase: 'archive', done: 42, total: 100 };
    expect(progressText('backup', writing)).toBe('Writing the backup file… 42%');
    expect(progressPercent({ ...writing, done: 1, total: 3 })).toBe(33);
    expect(progressPercent({ ...writing, done: 120 })).toBe(100);
    expect(progressText('restore', { operation: 'restore', phase: 'swap', done: 0, total: 0 })).toBe(
      'Putting the restored journal in place…',
    );
  });

  it('shows a phase it does not know as the core names it', () => {
    expect(progressText('verify', { operation: 'verify', phase: 'embeddings', done: 1, total: 2 })).toBe(
      'Embeddings… 50%',
    );
  });

  it('says it is starting until progress for this operation arrives', () => {
    expect(progressText('restore', null)).toBe('Starting the restore…');
    expect(progressText('backup', { operation: 'verify', phase: 'checks', done: 1, total: 2 })).toBe(
      'Starting the backup…',
    );
  });
});

describe('restoreFailure', () => {
  it('says the journal is unchanged when the core refused the archive', () => {
    const refused = restoreFailure({
      code: 'INVALID_INPUT',
      message: '/tmp/x.tpjbak cannot be restored: member journal.sqlite does not match its checksum.',
    });
    expect(refused).toEqual({
      title: 'This backup was not restored',
      unchanged: true,
    });
    expect(
      restoreFailure({ code: 'CANCELLED', message: 'The restore was cancelled; nothing was changed.' }),
    ).toMatchObject({ title: 'Restore cancelled', unchanged: true });
  });

  it('does not promise an unchanged journal when the failure came later', () => {
    expect(restoreFailure({ code: 'STORAGE', message: 'disk full' })).toMatchObject({
      title: 'The restore did not finish',
      unchanged: false,
    });
    expect(restoreFailure({ code: 'UNAVAILABLE', message: 'not reachable' }).unchanged).toBe(false);
  });
});
