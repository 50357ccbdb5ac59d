import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, tempCore } from '../../../tests/support/temp-core';
import { outboxSanity } from '../integrity/sync-checks';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'tests', 'fixtures', 'brokers');
const file = (name: string) => ({ fileName: name, dataBase64: readFileSync(join(fixtures, name)).toString('base64') });
const TRADEZERO_HEADER =
  'Account,T/D,S/D,Currency,Type,Side,Symbol,Qty,Price,Exec Time,Comm,SEC,TAF,NSCC,Nasdaq,ECN Remove,ECN Add,Gross Proceeds,Net Proceeds,Clr Broker,Liq,Note';
const inline = (name: string, text: string) => ({ fileName: name, dataBase64: Buffer.from(text).toString('base64') });

describe('importing broker files', () => {
  let t: ReturnType<typeof tempCore>;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  const journalShape = () => ({
    accounts: countRows(t.core, 'accounts'),
    executions: countRows(t.core, 'executions'),
    trades: countRows(t.core, 'trades'),
    outbox: countRows(t.core, 'outbox'),
  });

  it('gives the staging page cache back after a commit, so the next import stages as fast', async () => {
    const tempCache = () => t.core.store.db.pragma('temp.cache_size', { simple: true });
    const before = tempCache();
    const preview = await t.call('import.preview', { files: [file('ninjatrader8.csv')] });
    await t.call('import.commit', { importId: preview.importId });
    expect(tempCache()).toBe(before);
    expect(before).toBe(-65536);
  });

  it('builds the trades’ indexes afresh on a large import bigger than the journal, and not on a small one', async () => {
    const db = t.core.store.db;
    const indexes = () =>
      db
        .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'trades' ORDER BY name`)
        .all();
    const before = indexes();
    expect(before.length).toBeGreaterThan(5);
    const dropped: string[] = [];
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      if (sql.startsWith('DROP INDEX')) dropped.push(sql);
      return exec(sql);
    };
    const importFile = async (f: { fileName: string; dataBase64: string }) => {
      const preview = await t.call('import.preview', { files: [f] });
      await t.call('import.commit', { importId: preview.importId });
    };
    try {
      // Seven fills into an empty journal: too few to be worth a schema change.
      await importFile(file('ninjatrader8.csv'));
      expect(dropped).toEqual([]);
      // 1,200 fills (a buy and a sell of 10 shares half a minute apart, 600 round trips over
      // three symbols) into a journal of 3 trades.
      const rows = Array.from({ length: 1200 }, (_, i) => {
        const minute = Math.floor(i / 2);
        const time = `${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`;
        const symbol = ['AMD', 'NVDA', 'TSLA'][minute % 3];
        return `TZ1,03/10/2025,03/11/2025,USD,2,${i % 2 === 0 ? 'B' : 'S'},${symbol},10,${100 + (i % 7)},${time},0,0,0,0,0,0,0,0,0,VELO,R,`;
      });
      await importFile(inline('tz-1200.csv', `${TRADEZERO_HEADER}\n${rows.join('\n')}\n`));
      // Every index written as CREATE INDEX but the one the regrouping reads through was
      // dropped (the primary key's stays), and all are back as they were.
      const created = (before as { sql: string | null }[]).filter((i) => i.sql !== null);
      expect(dropped).toHaveLength(created.length - 1);
      expect(indexes()).toEqual(before);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(countRows(t.core, 'trades')).toBe(603);
    } finally {
      db.exec = exec;
    }
  });

  it('previews without writing, then imports round trips with exact P&L into the accounts the file names', async () => {
    const before = journalShape();
    const preview = await t.call('import.preview', { files: [file('ninjatrader8.csv')] });
    expect(journalShape()).toEqual(before);
    expect(preview.files[0]?.format?.id).toBe('ninjatrader8');
    expect(preview.totals).toMatchObject({ executions: 7, new: 7, duplicate: 0, errors: 0 });
    expect(preview.accounts.map((a) => [a.label, a.create]).sort()).toEqual([
      ['PA-APEX-001', true],
      ['Sim101', true],
    ]);
    expect(preview.trades).toHaveLength(3);

    const summary = await t.call('import.commit', { importId: preview.importId });
    expect(summary).toMatchObject({
      executions: { new: 7, duplicate: 0 },
      trades: { created: 3, updated: 0, removed: 0 },
    });
    const { items } = await t.call('trades.list', { limit: 10 });
    const bySymbol = new Map(items.map((x) => [x.symbol, x]));
    // ES JUN25 long 2 @ 5701.25; out 1 @ 5703.00 (+1.75 pt) and 1 @ 5699.50 (-1.75 pt): gross 0.
    // Fees 4.10 + 2.05 + 2.05 = 8.20, so net -8.20. ES is $50 a point.
    expect(bySymbol.get('ES JUN25')).toMatchObject({
      side: 'long',
      quantity: '2',
      grossPnl: '0',
      fees: '8.2',
      netPnl: '-8.2',
      multiplier: '50',
    });
    // CL MAY25 short 3 @ 68.42, covered @ 68.10: 0.32 x 3 x $1000 = 960; fees 6.15 x 2 = 12.30; net 947.70.
    expect(bySymbol.get('CL MAY25')).toMatchObject({ side: 'short', grossPnl: '960', fees: '12.3', netPnl: '947.7' });
    // EURUSD 100,000 units, 1.08345 -> 1.08401: 0.00056 x 100,000 = 56.
    expect(bySymbol.get('$EURUSD')).toMatchObject({ side: 'long', netPnl: '56' });
  });

  it('makes re-importing the same file a no-op', async () => {
    const first = await t.call('import.preview', { files: [file('ninjatrader8.csv')] });
    await t.call('import.commit', { importId: first.importId });
    const before = journalShape();
    const again = await t.call('import.preview', { files: [file('ninjatrader8.csv')] });
    expect(again.totals).toMatchObject({ new: 0, duplicate: 7 });
    expect(again.accounts.every((a) => !a.create)).toBe(true);
    const summary = await t.call('import.commit', { importId: again.importId });
    expect(summary).toMatchObject({
      executions: { new: 0, duplicate: 7 },
      trades: { created: 0, updated: 0, removed: 0 },
    });
    expect(journalShape()).toEqual(before);
    expect((await t.call('import.history', {})).map((b) => b.executionsNew)).toEqual([0, 7]);
  });

  it('logs the imported fills as one change-log record that the integrity check accepts', async () => {
    const preview = await t.call('import.preview', { files: [file('ninjatrader8.csv')] });
    const summary = await t.call('import.commit', { importId: preview.importId });
    const db = t.core.store.db;
    const records = db.prepare(`SELECT row_id, patch FROM outbox WHERE entity = 'executions'`).all();
    expect(records).toEqual([{ row_id: summary.batchId, patch: JSON.stringify({ source: summary.batchId }) }]);
    const covered = db.prepare(`SELECT count(*) FROM executions WHERE source = ?`).pluck().get(summary.batchId);
    expect(covered).toBe(7);
    expect(outboxSanity(db)).toMatchObject({ status: 'pass', counts: { orphaned: 0 } });
    // A batch record whose fills are gone is an orphan like any other.
    db.prepare(`DELETE FROM trade_legs`).run();
    db.prepare(`UPDATE executions SET source = 'elsewhere'`).run();
    expect(outboxSanity(db)).toMatchObject({ status: 'fail', counts: { orphaned: 1 } });
  });

  it('reports bad rows by file, line and column and imports the rest only when asked', async () => {
    const text = readFileSync(join(fixtures, 'tradezero.csv'), 'utf8').replace('200,106.50', 'two hundred,106.50');
    const preview = await t.call('import.preview', { files: [inline('tz.csv', text)] });
    expect(preview.totals.errors).toBe(1);
    expect(preview.files[0]?.errors[0]).toMatchObject({ file: 'tz.csv', line: 3, column: 'Qty' });
    const refused = await t.core.invoke('import.commit', { importId: preview.importId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!refused.ok) expect(refused.error.message).toContain('tz.csv line 3, column Qty');
    expect(countRows(t.core, 'executions')).toBe(0);
    const summary = await t.call('import.commit', { importId: preview.importId, skipInvalid: true });
    expect(summary.executions.new).toBe(preview.totals.executions);
    expect(summary.errors).toBe(1);
  });

  it('refuses a file it cannot recognise, naming it, and writes nothing', async () => {
    const before = journalShape();
    const result = await t.core.invoke('import.preview', {
      files: [inline('notes.txt', 'just some notes\nnothing else\n')],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) expect(result.error.message).toContain('notes.txt');
    expect(journalShape()).toEqual(before);
  });

  it('keeps a trader’s notes when a later file closes a position opened in an earlier one', async () => {
    const header =
      'Account,T/D,S/D,Currency,Type,Side,Symbol,Qty,Price,Exec Time,Comm,SEC,TAF,NSCC,Nasdaq,ECN Remove,ECN Add,Gross Proceeds,Net Proceeds,Clr Broker,Liq,Note';
    const buy = 'TZ1,03/07/2025,03/10/2025,USD,2,B,AMD,100,100,10:00:00,1,0,0,0,0,0,0,-10000,-10001,VELO,R,';
    const sell = 'TZ1,03/10/2025,03/11/2025,USD,2,S,AMD,100,103,10:00:00,1,0,0,0,0,0,0,10300,10299,VELO,R,';
    const one = await t.call('import.preview', { files: [inline('day1.csv', `${header}\n${buy}\n`)] });
    await t.call('import.commit', { importId: one.importId });
    const [open] = (await t.call('trades.list', {})).items;
    expect(open).toMatchObject({ status: 'open', symbol: 'AMD' });
    await t.call('trades.update', {
      id: open?.id ?? '',
      patch: { notes: 'Held overnight on purpose.', stopPrice: '98' },
    });

    const two = await t.call('import.preview', { files: [inline('day2.csv', `${header}\n${buy}\n${sell}\n`)] });
    expect(two.totals).toMatchObject({ new: 1, duplicate: 1 });
    const summary = await t.call('import.commit', { importId: two.importId });
    expect(summary.trades).toEqual({ created: 0, updated: 1, removed: 0 });
    const [closed] = (await t.call('trades.list', {})).items;
    // 100 x (103 - 100) = 300 gross, 2 fees: net 298; risk 100 x 2 = 200, so 1.49R.
    expect(closed).toMatchObject({
      id: open?.id,
      status: 'closed',
      netPnl: '298',
      notes: 'Held overnight on purpose.',
      rMultiple: '1.49',
    });
  });

  it('moves a trader’s notes to the trade that absorbs theirs when a later file adds an earlier fill', async () => {
    const header =
      'Account,T/D,S/D,Currency,Type,Side,Symbol,Qty,Price,Exec Time,Comm,SEC,TAF,NSCC,Nasdaq,ECN Remove,ECN Add,Gross Proceeds,Net Proceeds,Clr Broker,Liq,Note';
    const early = 'TZ1,03/07/2025,03/10/2025,USD,2,B,AMD,100,99,09:45:00,1,0,0,0,0,0,0,-9900,-9901,VELO,R,';
    const buy = 'TZ1,03/07/2025,03/10/2025,USD,2,B,AMD,100,100,10:00:00,1,0,0,0,0,0,0,-10000,-10001,VELO,R,';
    const sell = 'TZ1,03/07/2025,03/10/2025,USD,2,S,AMD,100,103,10:30:00,1,0,0,0,0,0,0,10300,10299,VELO,R,';
    const one = await t.call('import.preview', { files: [inline('late.csv', `${header}\n${buy}\n${sell}\n`)] });
    await t.call('import.commit', { importId: one.importId });
    const [first] = (await t.call('trades.list', {})).items;
    await t.call('trades.update', { id: first?.id ?? '', patch: { notes: 'Chased the open.' } });

    // The earlier buy starts the position: the old trade's first fill now lies inside a new one.
    const two = await t.call('import.preview', { files: [inline('early.csv', `${header}\n${early}\n`)] });
    const summary = await t.call('import.commit', { importId: two.importId });
    expect(summary.trades).toMatchObject({ created: 1, removed: 1 });
    const { items } = await t.call('trades.list', {});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'open', notes: 'Chased the open.' });
    expect(items[0]?.id).not.toBe(first?.id);
  });

  it('adds fills typed by hand and groups them with the account’s trades', async () => {
    const account = await t.call('accounts.create', { name: 'Futures' });
    const at = Date.parse('2025-05-01T14:00:00Z');
    const summary = await t.call('executions.add', {
      accountId: account.id,
      executions: [
        {
          symbol: 'mesm5',
          assetClass: 'future',
          side: 'buy',
          quantity: '2',
          price: '5600.25',
          fee: '1.24',
          executedAt: at,
        },
        {
          symbol: 'MESM5',
          assetClass: 'future',
          side: 'sell',
          quantity: '2',
          price: '5603.75',
          fee: '1.24',
          executedAt: at + 60_000,
        },
      ],
    });
    expect(summary.trades.created).toBe(1);
    const [trade] = (await t.call('trades.list', {})).items;
    // 2 x 3.5 pt x $5 = 35 gross, minus 2.48 fees.
    expect(trade).toMatchObject({ symbol: 'MESM5', grossPnl: '35', netPnl: '32.52', accountId: account.id });
  });

  it('asks which account when a file names none and several exist', async () => {
    await t.call('accounts.create', { name: 'One' });
    await t.call('accounts.create', { name: 'Two' });
    const result = await t.core.invoke('import.preview', { files: [file('topstepx.csv')] });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'accountId' }] } });
  });

  it('reads binary Excel reports through the same preview and commit', async () => {
    const preview = await t.call('import.preview', { files: [file('mt5-report.xlsx')], timeZone: 'Europe/Athens' });
    expect(preview.files[0]?.format?.id).toBe('mt5-xlsx');
    expect(preview.totals).toMatchObject({ executions: 11, new: 11, errors: 0 });
    const summary = await t.call('import.commit', { importId: preview.importId });
    expect(summary.executions.new).toBe(11);
  });
});
