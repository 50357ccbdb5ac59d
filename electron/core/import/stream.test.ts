import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, tempCore } from '../../../tests/support/temp-core';

const header =
  'Account,T/D,S/D,Currency,Type,Side,Symbol,Qty,Price,Exec Time,Comm,SEC,TAF,NSCC,Nasdaq,ECN Remove,ECN Add,Gross Proceeds,Net Proceeds,Clr Broker,Liq,Note';
const ROWS = 4000;

/** A TradeZero file of alternating buys and sells, with a bad row and a note spanning lines. */
function bigFile(badLine: number): string {
  const lines = [header];
  for (let i = 0; i < ROWS; i++) {
    const side = i % 2 === 0 ? 'B' : 'S';
    const qty = lines.length + 1 === badLine ? 'lots' : '10';
    const second = String(i % 60).padStart(2, '0');
    const minute = String(Math.floor(i / 60) % 60).padStart(2, '0');
    const hour = String(10 + Math.floor(i / 3600));
    const note = i === 1500 ? '"split\nacross lines"' : '';
    lines.push(
      `TZ1,03/10/2025,03/11/2025,USD,2,${side},AMD,${qty},100.${i % 100},${hour}:${minute}:${second},0,0,0,0,0,0,0,0,0,VELO,R,${note}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('streaming a large file in blocks of rows', () => {
  const t = tempCore();
  const dir = mkdtempSync(join(tmpdir(), 'tpj-stream-'));
  const path = join(dir, 'big.csv');
  const streaming = { aboveBytes: 10_000, blockChars: 16_384 };
  beforeAll(() => writeFileSync(path, bigFile(3001)));
  afterAll(() => {
    t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every row once, keeps true line numbers and reports progress', async () => {
    const progress: number[] = [];
    const off = t.core.events.on('import.progress', (p) => progress.push(p.done));
    const preview = await t.core.imports.preview([{ fileName: 'big.csv', path }], { accountId: null, streaming });
    off();
    // 4000 rows, one of them (file line 3001) unreadable; the multi-line note did not split a row.
    expect(preview.totals).toMatchObject({ executions: ROWS - 1, errors: 1 });
    // Row 3001 of the generator sits on file line 3002: the note before it spans two lines.
    expect(preview.files[0]?.errors[0]).toMatchObject({ line: 3002, column: 'Qty' });
    expect(progress.length).toBeGreaterThan(5);
    const summary = await t.call('import.commit', { importId: preview.importId, skipInvalid: true });
    expect(summary.executions.new).toBe(ROWS - 1);
  });

  it('stops when cancelled and writes nothing', async () => {
    const before = countRows(t.core, 'executions');
    let importId = '';
    const off = t.core.events.on('import.progress', (p) => {
      if (!importId) {
        importId = p.importId;
        t.core.imports.cancel(importId);
      }
    });
    await expect(
      t.core.imports.preview([{ fileName: 'big.csv', path }], { accountId: null, streaming }),
    ).rejects.toThrow(/cancelled/);
    off();
    expect(countRows(t.core, 'executions')).toBe(before);
    expect(
      t.core.store.db.prepare(`SELECT count(*) FROM temp.sqlite_master WHERE name LIKE 'import_stage%'`).pluck().get(),
    ).toBe(0);
  });
});
