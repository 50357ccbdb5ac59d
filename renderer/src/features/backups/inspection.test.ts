import { describe, expect, it } from 'vitest';
import { isConfirmWord, liveComparison, liveNowText, schemaText, summariseInspection } from './inspection';

const tables = [
  { table: 'accounts', current: 3, backup: 3, currentLive: 3, backupLive: 3 },
  { table: 'executions', current: 507, backup: 509, currentLive: 507, backupLive: 509 },
  { table: 'outbox', current: 1125, backup: 1123, currentLive: 1125, backupLive: 1123 },
  { table: 'trade_legs', current: 507, backup: 509, currentLive: 507, backupLive: 509 },
  { table: 'trades', current: 199, backup: 200, currentLive: 199, backupLive: 200 },
  { table: 'journal_entries', current: 36, backup: 36, currentLive: 36, backupLive: 36 },
  { table: 'risk_rules', current: null, backup: 4, currentLive: null, backupLive: 4 },
  { table: 'tags', current: 7, backup: null, currentLive: 7, backupLive: null },
];

describe('summariseInspection', () => {
  it('puts the trader’s data first, in a fixed order, with what changes', () => {
    const summary = summariseInspection({ tables });
    expect(summary.main.map((r) => [r.label, r.current, r.backup, r.change])).toEqual([
      ['Trades', 199, 200, 'more'],
      ['Executions', 507, 509, 'more'],
      ['Accounts', 3, 3, 'same'],
      ['Journal entries', 36, 36, 'same'],
      ['Tags', 7, null, 'only-now'],
    ]);
    expect(summary.changed).toBe(3);
  });

  it('folds bookkeeping and unknown tables away, named in words', () => {
    const summary = summariseInspection({ tables });
    expect(summary.other.map((r) => [r.label, r.change])).toEqual([
      ['Changes waiting to sync', 'fewer'],
      ['Risk rules', 'only-backup'],
      ['Trade legs', 'more'],
    ]);
  });
});

describe('live counts (deleted rows left out)', () => {
  const before = { trades: 199, executions: 507, accounts: 3, journalEntries: 1 };
  const after = { trades: 200, executions: 509, accounts: 3, journalEntries: 1 };

  it('says what the journal shows now', () => {
    expect(liveNowText(before, 'en-US')).toBe(
      'The journal shows 199 trades, 507 executions, 3 accounts and 1 journal entry now.',
    );
  });

  it('compares what the trader saw before a restore with what the journal shows after it', () => {
    expect(liveComparison(before, after).map((r) => [r.label, r.current, r.backup, r.change])).toEqual([
      ['Trades', 199, 200, 'more'],
      ['Executions', 507, 509, 'more'],
      ['Accounts', 3, 3, 'same'],
      ['Journal entries', 1, 1, 'same'],
    ]);
  });
});

describe('restore confirmation and versions', () => {
  it('accepts the confirm word typed in any case, and nothing else', () => {
    expect(isConfirmWord(' RESTORE ')).toBe(true);
    expect(isConfirmWord('restore')).toBe(true);
    expect(isConfirmWord('RESTOR')).toBe(false);
    expect(isConfirmWord('yes')).toBe(false);
  });

  it('explains a schema version that differs from the app’s', () => {
    expect(schemaText(2, 2)).toBe('2');
    expect(schemaText(1, 2)).toBe('1 (older; brought up to 2 when restored)');
    expect(schemaText(3, 2)).toBe('3 (newer than this app’s 2)');
    expect(schemaText(2, null)).toBe('2');
  });
});
