import { describe, expect, it } from 'vitest';
import type { CloudTableCheck, ServiceCheck } from '../../../../shared/contract/sync';
import { latencyText, reportText, serviceRow, syncStateBadge, tableRow, verifySummary } from './sync-view';

const report = { pushedRecords: 0, pushedRows: 0, pulledRows: 0, appliedRows: 0, tickRows: 0, regroupedSymbols: 0 };

function table(patch: Partial<CloudTableCheck> & { table: string }): CloudTableCheck {
  const side = { rows: 5, live: 4, hash: 'a' };
  return { local: side, cloud: side, pending: 0, match: true, ...patch };
}

describe('Cloud sync card texts', () => {
  it('gives every sync state a label and a tone that fits it', () => {
    expect(syncStateBadge({ state: 'up-to-date', conflicts: 0 })).toEqual({ label: 'Up to date', tone: 'pass' });
    expect(syncStateBadge({ state: 'error', conflicts: 0 })).toEqual({ label: 'Error', tone: 'fail' });
    expect(syncStateBadge({ state: 'offline', conflicts: 0 }).tone).toBe('warn');
    expect(syncStateBadge({ state: 'not-configured', conflicts: 0 }).label).toBe('Not set up');
    expect(syncStateBadge({ state: 'conflicts', conflicts: 2 }).label).toMatch(/^2 conflicts$/);
  });

  it('reads a PostgreSQL check with its version, latency and whether TimescaleDB is there', () => {
    const check: ServiceCheck = {
      service: 'postgres',
      configured: true,
      ok: true,
      latencyMs: 3.4,
      version: 'PostgreSQL 16.4',
      timescale: false,
      message: 'TimescaleDB is not installed: ticks use plain tables.',
    };
    expect(serviceRow(check)).toMatchObject({
      name: 'PostgreSQL',
      outcome: 'ok',
      outcomeText: '✓ Connected',
      latency: '3 ms',
      version: 'PostgreSQL 16.4',
      timescale: 'TimescaleDB not installed',
    });
    expect(serviceRow({ ...check, timescale: true }).timescale).toBe('TimescaleDB available');
  });

  it('tells a failed service from one that is not configured', () => {
    const failed = serviceRow({
      service: 'redis',
      configured: true,
      ok: false,
      latencyMs: null,
      version: null,
      message: 'redis://cache:6379 did not answer: ECONNREFUSED',
    });
    expect(failed).toMatchObject({ outcome: 'fail', outcomeText: '✗ Failed', latency: '—', timescale: null });
    const off = serviceRow({
      service: 'qdrant',
      configured: false,
      ok: false,
      latencyMs: null,
      version: null,
      message: 'Not configured.',
    });
    expect(off).toMatchObject({ name: 'Qdrant', outcome: 'off', outcomeText: '– Not configured' });
  });

  it('never rounds a fast answer down to 0 ms', () => {
    expect(latencyText(0.3)).toBe('<1 ms');
    expect(latencyText(12.6)).toBe('13 ms');
  });

  it('sums up what Sync now moved, or says nothing needed moving', () => {
    expect(reportText(report)).toBe('Nothing to send or fetch: this device and the cloud agree.');
    expect(reportText({ ...report, pushedRecords: 1, pushedRows: 3 })).toBe('Pushed 3 rows (1 change) · pulled 0 rows');
    expect(reportText({ ...report, pushedRecords: 1, pushedRows: 1, pulledRows: 1 })).toBe(
      'Pushed 1 row (1 change) · pulled 1 row, 0 new here',
    );
    expect(reportText({ ...report, pulledRows: 3, appliedRows: 2, regroupedSymbols: 2, tickRows: 5 })).toBe(
      'Pushed 0 rows (0 changes) · pulled 3 rows, 2 new here · 5 ticks sent · 2 symbols regrouped',
    );
  });

  it('marks tables that match, differ, or only wait for a push', () => {
    expect(tableRow(table({ table: 'executions' }))).toMatchObject({
      table: 'Fills',
      here: '4',
      cloud: '4',
      verdict: '✓ Match',
      tone: 'pass',
    });
    expect(tableRow(table({ table: 'trades', match: false, pending: 2 }))).toMatchObject({
      verdict: 'Waiting to push (2)',
      tone: 'warn',
    });
    expect(tableRow(table({ table: 'tags', match: false }))).toMatchObject({ verdict: '✗ Differs', tone: 'fail' });
    expect(tableRow(table({ table: 'mystery' })).table).toBe('mystery');
  });

  it('summarises the comparison in one sentence', () => {
    const all = [table({ table: 'trades' }), table({ table: 'tags' })];
    expect(verifySummary({ ok: true, cursor: 4, tables: all, vectors: null })).toBe('All 2 tables match the cloud.');
    const off = [table({ table: 'trades', match: false, pending: 1 }), table({ table: 'tags' })];
    expect(verifySummary({ ok: true, cursor: 4, tables: off, vectors: null })).toBe(
      '1 of 2 tables differ from the cloud; some changes here are still waiting to be pushed.',
    );
  });
});
