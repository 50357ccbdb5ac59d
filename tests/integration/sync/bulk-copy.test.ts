import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudEntities, rowColumns } from '../../../sync/entities';
import { device, freshCloudDatabase, journalImage, type Device } from '../../support/sync-devices';

// Texts that COPY's formats treat specially: CSV quotes and commas, text-format backslashes,
// line breaks of both kinds, a line holding only the end-of-data marker, a literal \N, and
// an empty text that must stay distinct from null; single quotes (the quote character of
// the bulk push's CSV) and the word NULL (its null marker), bare and quoted.
const awkward = [
  "it's the trader's 'best' setup",
  "'",
  "''",
  'NULL',
  "'NULL'",
  'null',
  'She said "no", then "yes"',
  'C:\\trades\\2026\\nq.csv and \\N and \\\\',
  'tab\there, comma, here',
  'first line\r\nsecond line\rthird\nfourth',
  'before\n\\.\nafter the end-of-data marker',
  '\\.',
  '"',
  ',',
  '',
  'ünïcödé — 取引 📈',
];

describe('a bulk push carries every text byte for byte', () => {
  let cloud: { url: string; drop: () => Promise<void> };
  const open: Device[] = [];
  beforeAll(async () => {
    cloud = await freshCloudDatabase();
  });
  afterAll(async () => {
    for (const d of open.splice(0)) await d.close();
    await cloud.drop();
  });

  it('stores awkward texts, empty texts and nulls in the cloud as the device holds them, and a second device pulls them back equal', async () => {
    const a = await device(cloud.url, 'awkward', { bulkMinRecords: 1 });
    const b = await device(cloud.url, 'awkward', { bulkMinRecords: 1 });
    open.push(a, b);
    const account = await a.call('accounts.create', { name: 'Main, "the" \\ account', currency: 'USD' });
    await a.call('executions.add', {
      accountId: account.id,
      executions: [
        {
          symbol: 'NQZ5',
          assetClass: 'future',
          side: 'buy',
          quantity: '1',
          price: '21000.25',
          executedAt: 1_760_000_000_000,
        },
        {
          symbol: 'NQZ5',
          assetClass: 'future',
          side: 'sell',
          quantity: '1',
          price: '21010.5',
          executedAt: 1_760_000_300_000,
        },
      ],
    });
    const tradeId = (await a.call('trades.list', { limit: 1 })).items[0]!.id;
    await a.call('trades.update', { id: tradeId, patch: { notes: awkward.join('\n---\n') } });
    for (const [i, text] of awkward.entries()) {
      await a.call('journal.create', {
        kind: 'note',
        title: text,
        body: text,
        preMarket: awkward[(i + 1) % awkward.length],
      });
      await a.call('tags.create', { name: `tag ${i} ${text}`.trim() });
    }
    const local = journalImage(a);
    // The fixture must hold what it claims: empty texts and nulls both among the pushed values.
    const values = Object.values(local)
      .flat()
      .flatMap((row) => Object.values(row as Record<string, unknown>));
    expect(values).toContain('');
    expect(values).toContain(null);

    const report = await a.sync();
    expect(report.pushedRows).toBeGreaterThan(0);
    expect(a.core.store.db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(0);

    for (const entity of cloudEntities) {
      const columns = rowColumns(entity);
      const { rows } = await a.cloud.pool.query(
        `SELECT ${columns.join(', ')} FROM tpj.${entity.name} WHERE workspace_id = $1 ORDER BY id COLLATE "C"`,
        ['awkward'],
      );
      // bigint columns come back from pg as strings: compare them as the device stores them.
      const integers = new Set(entity.columns.filter((c) => c.type === 'bigint').map((c) => c.name));
      const cloudRows = rows.map((r: Record<string, unknown>) =>
        Object.fromEntries(columns.map((c) => [c, integers.has(c) && r[c] !== null ? Number(r[c]) : r[c]])),
      );
      const deviceRows = (local[entity.name] as Record<string, unknown>[])
        .map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])))
        .sort((x, y) => (String(x.id) < String(y.id) ? -1 : 1));
      expect(cloudRows, entity.name).toEqual(deviceRows);
    }

    await b.sync();
    const pulled = journalImage(b);
    for (const entity of ['accounts', 'tags', 'executions', 'journal_entries'] as const) {
      expect(pulled[entity], entity).toEqual(local[entity]);
    }
    const trade = (pulled.trades as { id: string; notes: string }[]).find((t) => t.id === tradeId);
    expect(trade?.notes).toBe(awkward.join('\n---\n'));
  });
});
