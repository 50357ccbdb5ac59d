import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TradeFilter } from '../../../shared/contract';
import { tempCore } from '../../../tests/support/temp-core';
import { loadDemoJournal } from '../demo/load';
import { StatsProjection } from './stats-projection';
import { statsFromSql } from './stats-rows';

type T = ReturnType<typeof tempCore>;
const HOUR = 3_600_000;
const START = Date.parse('2026-06-01T13:30:00Z');

/** One edit, with rows picked by index into what the journal holds at that moment. */
type Op =
  | { kind: 'annotate'; trade: number; stop: string | null; risk: string | null; playbook: number | null }
  | { kind: 'notes'; trade: number; notes: string }
  | { kind: 'tags'; trade: number; tags: number[] }
  | { kind: 'bulkTag'; trades: number[]; tag: number; add: boolean }
  | { kind: 'delete'; trade: number }
  | { kind: 'fills'; account: number; symbol: string; at: number; closed: boolean; exit: string }
  | { kind: 'fx'; rate: string | null }
  | { kind: 'base'; currency: 'USD' | 'EUR' }
  | { kind: 'zone'; zone: string }
  | { kind: 'deleteTag'; tag: number }
  | { kind: 'deletePlaybook'; playbook: number }
  | { kind: 'newTag'; name: string };

const index = fc.nat({ max: 1000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('annotate' as const),
    trade: index,
    stop: fc.constantFrom(null, '90', '101.5', '150'),
    risk: fc.constantFrom(null, '25', '0.5', '200'),
    playbook: fc.option(index),
  }),
  fc.record({ kind: fc.constant('notes' as const), trade: index, notes: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('tags' as const), trade: index, tags: fc.array(index, { maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('bulkTag' as const),
    trades: fc.array(index, { minLength: 1, maxLength: 20 }),
    tag: index,
    add: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('delete' as const), trade: index }),
  fc.record({
    kind: fc.constant('fills' as const),
    account: index,
    symbol: fc.constantFrom('AAPL', 'SAP', 'NEWCO', 'MSFT'),
    at: fc.integer({ min: -400, max: 200 }).map((h) => START + h * HOUR),
    closed: fc.boolean(),
    exit: fc.constantFrom('99', '100', '103.37'),
  }),
  fc.record({ kind: fc.constant('fx' as const), rate: fc.constantFrom(null, '1.0832', '0.9') }),
  fc.record({ kind: fc.constant('base' as const), currency: fc.constantFrom('USD' as const, 'EUR' as const) }),
  fc.record({ kind: fc.constant('zone' as const), zone: fc.constantFrom('UTC', 'Asia/Tokyo', 'America/New_York') }),
  fc.record({ kind: fc.constant('deleteTag' as const), tag: index }),
  fc.record({ kind: fc.constant('deletePlaybook' as const), playbook: index }),
  fc.record({ kind: fc.constant('newTag' as const), name: fc.stringMatching(/^[a-z]{3,8}$/) }),
);

/** A filter over what the journal holds, as the dashboard or the trade list would send it. */
type FilterSeed = {
  from?: number;
  to?: number;
  accounts?: number[];
  symbol?: string;
  side?: 'long' | 'short';
  tag?: number;
  playbook?: number;
  outcome?: 'win' | 'loss' | 'breakeven';
  status?: 'open' | 'closed';
};
// One or two clauses at a time: with every clause at once nearly every filter selects nothing.
const filterSeed: fc.Arbitrary<FilterSeed> = fc
  .array(
    fc.oneof(
      fc.record({
        from: fc.integer({ min: -3000, max: 0 }).map((h) => START + h * HOUR),
        to: fc.integer({ min: 1, max: 300 }).map((h) => START + h * HOUR),
      }),
      fc.record({ accounts: fc.array(index, { minLength: 1, maxLength: 2 }) }),
      fc.record({ symbol: fc.constantFrom('aapl', 'SAP', 'NEWCO', 'ES', 'MSFT') }),
      fc.record({ side: fc.constantFrom('long' as const, 'short' as const) }),
      fc.record({ tag: index }),
      fc.record({ playbook: index }),
      fc.record({ outcome: fc.constantFrom('win' as const, 'loss' as const, 'breakeven' as const) }),
      fc.record({ status: fc.constantFrom('open' as const, 'closed' as const) }),
    ),
    { maxLength: 2 },
  )
  .map((clauses): FilterSeed => Object.assign({}, ...clauses) as FilterSeed);

async function ids(t: T) {
  const [trades, tags, playbooks, accounts] = await Promise.all([
    t.call('trades.list', { limit: 1000 }),
    t.call('tags.list', {}),
    t.call('playbooks.list', { includeArchived: true }),
    t.call('accounts.list', {}),
  ]);
  return {
    trades: trades.items.map((x) => x.id),
    tags: tags.map((x) => x.id),
    playbooks: playbooks.map((x) => x.id),
    accounts: accounts.map((x) => x.id),
  };
}

const pick = <X>(items: readonly X[], i: number): X | undefined => items[i % Math.max(1, items.length)];

function toFilter(seed: FilterSeed, known: Awaited<ReturnType<typeof ids>>): TradeFilter {
  const filter: TradeFilter = {};
  if (seed.from !== undefined) filter.from = seed.from;
  if (seed.to !== undefined) filter.to = seed.to;
  if (seed.accounts) filter.accountIds = seed.accounts.flatMap((i) => pick(known.accounts, i) ?? []);
  if (seed.symbol !== undefined) filter.symbol = seed.symbol;
  if (seed.side) filter.side = seed.side;
  if (seed.status) filter.status = seed.status;
  if (seed.outcome) filter.outcome = seed.outcome;
  const tag = seed.tag === undefined ? undefined : pick(known.tags, seed.tag);
  if (tag) filter.tagId = tag;
  const playbook = seed.playbook === undefined ? undefined : pick(known.playbooks, seed.playbook);
  if (playbook) filter.playbookId = playbook;
  return filter;
}

async function apply(t: T, o: Op, known: Awaited<ReturnType<typeof ids>>): Promise<void> {
  const trade = 'trade' in o ? pick(known.trades, o.trade) : undefined;
  switch (o.kind) {
    case 'annotate':
      if (!trade) return;
      await t.call('trades.update', {
        id: trade,
        patch: {
          stopPrice: o.stop,
          riskAmount: o.risk,
          playbookId: o.playbook === null ? null : (pick(known.playbooks, o.playbook) ?? null),
        },
      });
      return;
    case 'notes':
      // Stats do not see notes: the projection keeps the trade and the last answer stands.
      if (trade) await t.call('trades.update', { id: trade, patch: { notes: o.notes, rating: 3 } });
      return;
    case 'tags':
      if (!trade) return;
      await t.call('trades.update', {
        id: trade,
        patch: { tagIds: [...new Set(o.tags.flatMap((i) => pick(known.tags, i) ?? []))] },
      });
      return;
    case 'bulkTag': {
      const tag = pick(known.tags, o.tag);
      const chosen = [...new Set(o.trades.flatMap((i) => pick(known.trades, i) ?? []))];
      if (!tag || chosen.length === 0) return;
      await t.call('trades.bulkTag', { ids: chosen, tagId: tag, action: o.add ? 'add' : 'remove' });
      return;
    }
    case 'delete':
      if (trade) await t.call('trades.delete', { id: trade });
      return;
    case 'fills': {
      const account = pick(known.accounts, o.account);
      if (!account) return;
      const fill = { symbol: o.symbol, assetClass: 'stock' as const, quantity: '10', fee: '1' };
      const executions: { side: 'buy' | 'sell'; price: string; executedAt: number }[] = [
        { side: 'buy', price: '100', executedAt: o.at },
      ];
      if (o.closed) executions.push({ side: 'sell', price: o.exit, executedAt: o.at + HOUR });
      await t.call('executions.add', { accountId: account, executions: executions.map((e) => ({ ...fill, ...e })) });
      return;
    }
    case 'fx':
      await t.call('settings.update', { patch: { fxRates: o.rate === null ? {} : { EUR: o.rate } } });
      return;
    case 'base':
      await t.call('settings.update', { patch: { baseCurrency: o.currency } });
      return;
    case 'zone':
      await t.call('settings.update', { patch: { displayTimeZone: o.zone } });
      return;
    case 'deleteTag': {
      const tag = pick(known.tags, o.tag);
      if (tag) await t.call('tags.delete', { id: tag });
      return;
    }
    case 'deletePlaybook': {
      const playbook = pick(known.playbooks, o.playbook);
      if (playbook) await t.call('playbooks.delete', { id: playbook });
      return;
    }
    case 'newTag':
      if ((await t.call('tags.list', {})).every((x) => x.name !== o.name))
        await t.call('tags.create', { name: o.name });
      return;
  }
}

/** A small demo journal plus a EUR account, so conversion and `unconverted` are exercised. */
async function journal(): Promise<T> {
  const t = tempCore();
  loadDemoJournal(t.core.store, { trades: 60, seed: 5, endDay: '2026-06-10' });
  const eur = await t.call('accounts.create', { name: 'Xetra', currency: 'EUR' });
  await apply(
    t,
    { kind: 'fills', account: 0, symbol: 'SAP', at: START - 48 * HOUR, closed: true, exit: '104' },
    {
      trades: [],
      tags: [],
      playbooks: [],
      accounts: [eur.id],
    },
  );
  return t;
}

describe('stats.get from the in-memory projection', () => {
  it('equals the SQL reference after every step of random edits, for random filters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 8, maxLength: 16 }),
        fc.array(filterSeed, { minLength: 3, maxLength: 3 }),
        async (ops, seeds) => {
          const t = await journal();
          try {
            await t.call('stats.get', {});
            for (const o of ops) {
              await apply(t, o, await ids(t));
              const known = await ids(t);
              const settings = await t.call('settings.get', {});
              for (const filter of [{}, ...seeds.map((s) => toFilter(s, known))]) {
                const got = await t.call('stats.get', { filter });
                expect(got, `${o.kind} then ${JSON.stringify(filter)}`).toEqual(
                  statsFromSql(t.core.store.db, settings, filter),
                );
              }
            }
          } finally {
            t.dispose();
          }
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);

  it('selects exactly the trades trades.list does, for random filters, patching rather than reloading', async () => {
    const t = await journal();
    try {
      const projection = new StatsProjection(t.core.store.db, t.core.store);
      const settings = await t.call('settings.get', {});
      const conversion = { baseCurrency: settings.baseCurrency, fxRates: settings.fxRates };
      let matched = 0;
      await fc.assert(
        fc.asyncProperty(
          op.filter((o) => o.kind !== 'fx' && o.kind !== 'base'),
          filterSeed,
          async (o, seed) => {
            await apply(t, o, await ids(t));
            const filter = toFilter(seed, await ids(t));
            const listed = (await t.call('trades.list', { filter, limit: 1000 })).items.map((x) => x.id);
            const { trades, unconverted } = projection.select(filter, conversion);
            const selected = [...trades, ...unconverted].map((x) => x.id);
            expect(selected.sort(), JSON.stringify(filter)).toEqual(listed.sort());
            if (listed.length > 0) matched++;
          },
        ),
        { numRuns: 150 },
      );
      // Not a vacuous pass: most filters selected something.
      expect(matched).toBeGreaterThan(30);
      // Edits were patched in; only the first select read every trade.
      expect(projection.loads).toBe(1);
    } finally {
      t.dispose();
    }
  }, 120_000);

  it('takes in broker file imports (a set-based write) and stays equal to the SQL reference', async () => {
    const t = await journal();
    const fixtures = join(import.meta.dirname, '..', '..', '..', 'tests', 'fixtures', 'brokers');
    const file = (name: string) => ({
      fileName: name,
      dataBase64: readFileSync(join(fixtures, name)).toString('base64'),
    });
    try {
      const check = async (step: string) => {
        const settings = await t.call('settings.get', {});
        const known = await ids(t);
        const filters: TradeFilter[] = [{}, { status: 'closed' }, { accountIds: known.accounts.slice(-1) }];
        for (const filter of filters) {
          const got = await t.call('stats.get', { filter });
          expect(got, `${step} ${JSON.stringify(filter)}`).toEqual(statsFromSql(t.core.store.db, settings, filter));
        }
      };
      await check('before');
      const before = (await t.call('stats.get', {})).summary.closedTrades;
      for (const name of ['ninjatrader8.csv', 'tradezero.csv', 'ninjatrader8.csv']) {
        const preview = await t.call('import.preview', { files: [file(name)] });
        await t.call('import.commit', { importId: preview.importId });
        await check(name);
      }
      // The imports really added trades the projection now holds.
      expect((await t.call('stats.get', {})).summary.closedTrades).toBeGreaterThan(before);
    } finally {
      t.dispose();
    }
  });

  it('starts afresh on the restored journal after a backup restore', async () => {
    const t = await journal();
    try {
      const before = await t.call('stats.get', {});
      const backup = await t.call('backups.create', {});
      const [account] = await t.call('accounts.list', {});
      await apply(
        t,
        { kind: 'fills', account: 0, symbol: 'WRONG', at: START, closed: true, exit: '1' },
        {
          trades: [],
          tags: [],
          playbooks: [],
          accounts: [account?.id ?? ''],
        },
      );
      expect((await t.call('stats.get', {})).summary.closedTrades).toBe(before.summary.closedTrades + 1);
      await t.call('backups.restore', { file: backup.file });
      const settings = await t.call('settings.get', {});
      const after = await t.call('stats.get', {});
      expect(after).toEqual(before);
      expect(after).toEqual(statsFromSql(t.core.store.db, settings, {}));
    } finally {
      t.dispose();
    }
  });

  it('re-sorts rather than splices when one change moves hundreds of trades, and stays equal to SQL', async () => {
    const t = tempCore();
    try {
      loadDemoJournal(t.core.store, { trades: 300, seed: 9, endDay: '2026-06-10' });
      await t.call('stats.get', {});
      const known = await ids(t);
      const tag = known.tags[0] ?? '';
      for (const action of ['add', 'remove'] as const) {
        await t.call('trades.bulkTag', { ids: known.trades, tagId: tag, action });
        const settings = await t.call('settings.get', {});
        for (const filter of [{}, { tagId: tag }, { status: 'closed' as const, side: 'long' as const }]) {
          const got = await t.call('stats.get', { filter });
          expect(got, `${action} ${JSON.stringify(filter)}`).toEqual(statsFromSql(t.core.store.db, settings, filter));
        }
      }
    } finally {
      t.dispose();
    }
  });
});
