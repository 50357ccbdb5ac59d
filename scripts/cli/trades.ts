import type { Command } from 'commander';
import type { TradeFilter, TradePage } from '../../shared/contract';
import type { Trade } from '../../shared/domain/types';
import type { GlobalOptions } from './context';
import { openCore } from './context';
import { UserError } from './errors';
import { dateTime, money, startOfDay, table } from './format';
import { day, positiveInt } from './options';

type TradesOptions = {
  json?: boolean;
  limit: number;
  all?: boolean;
  from?: string;
  to?: string;
  account?: string;
  symbol?: string;
  side?: string;
  tag?: string;
  playbook?: string;
  outcome?: string;
  status?: string;
};

/** `tpj trades`: list trades, newest first, with the same filters as the app. */
export function registerTrades(program: Command, globals: () => GlobalOptions): void {
  program
    .command('trades')
    .description('list trades, newest first')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'how many trades', (v) => positiveInt(v, 1), 50)
    .option('--all', 'every matching trade')
    .option('--from <date>', 'opened on or after this day (YYYY-MM-DD, display time zone)', day)
    .option('--to <date>', 'opened on or before this day', day)
    .option('--account <name>', 'account name or id')
    .option('--symbol <symbol>', 'symbol, e.g. MESZ5 or AAPL')
    .option('--side <side>', 'long or short')
    .option('--tag <name>', 'tag name')
    .option('--playbook <name>', 'playbook name')
    .option('--outcome <outcome>', 'win, loss or breakeven')
    .option('--status <status>', 'open or closed')
    .action(async (opts: TradesOptions) => {
      const { call, close } = openCore(globals());
      try {
        const settings = await call('settings.get', {});
        const accounts = await call('accounts.list', {});
        const filter = await buildFilter(opts, settings.displayTimeZone, accounts, call);
        const items: Trade[] = [];
        let cursor: string | null = null;
        let total = 0;
        const wanted = opts.all ? Number.POSITIVE_INFINITY : opts.limit;
        do {
          const page: TradePage = await call('trades.list', {
            filter,
            cursor,
            limit: Math.min(1000, wanted - items.length),
          });
          items.push(...page.items);
          total = page.total;
          cursor = page.nextCursor;
        } while (cursor !== null && items.length < wanted);
        if (opts.json) return console.log(JSON.stringify({ total, items }));
        const names = new Map(accounts.map((a) => [a.id, a.name]));
        console.log(
          table(
            ['Opened', 'Account', 'Symbol', 'Side', 'Qty', 'Entry', 'Exit', 'Net P&L', 'R'],
            items.map((t) => [
              dateTime(t.openedAt, settings.displayTimeZone),
              names.get(t.accountId) ?? '?',
              t.symbol,
              t.side,
              t.quantity,
              t.entryPrice,
              t.exitPrice ?? 'open',
              money(t.netPnl),
              t.rMultiple === null ? '' : `${t.rMultiple}R`,
            ]),
          ),
        );
        console.log(`\n${items.length} of ${total} trades`);
      } finally {
        close();
      }
    });
}

type Call = ReturnType<typeof openCore>['call'];

async function buildFilter(
  opts: TradesOptions,
  timeZone: string,
  accounts: { id: string; name: string }[],
  call: Call,
): Promise<TradeFilter> {
  const filter: TradeFilter = {};
  if (opts.from) filter.from = startOfDay(opts.from, timeZone);
  if (opts.to) filter.to = startOfDay(opts.to, timeZone) + 86_400_000 - 1;
  if (opts.account) {
    const wanted = opts.account.toLowerCase();
    const match = accounts.find((a) => a.id === opts.account || a.name.toLowerCase() === wanted);
    if (!match)
      throw new UserError(
        `No account named "${opts.account}". Accounts: ${accounts.map((a) => a.name).join(', ') || 'none'}.`,
      );
    filter.accountIds = [match.id];
  }
  if (opts.symbol) filter.symbol = opts.symbol;
  if (opts.side) filter.side = oneOf(opts.side, ['long', 'short'] as const, '--side');
  if (opts.outcome) filter.outcome = oneOf(opts.outcome, ['win', 'loss', 'breakeven'] as const, '--outcome');
  if (opts.status) filter.status = oneOf(opts.status, ['open', 'closed'] as const, '--status');
  if (opts.tag) {
    const tags = await call('tags.list', {});
    const tag = tags.find((t) => t.name.toLowerCase() === opts.tag?.toLowerCase());
    if (!tag) throw new UserError(`No tag named "${opts.tag}".`);
    filter.tagId = tag.id;
  }
  if (opts.playbook) {
    const playbooks = await call('playbooks.list', { includeArchived: true });
    const playbook = playbooks.find((p) => p.name.toLowerCase() === opts.playbook?.toLowerCase());
    if (!playbook) throw new UserError(`No playbook named "${opts.playbook}".`);
    filter.playbookId = playbook.id;
  }
  return filter;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  const found = allowed.find((a) => a === value.toLowerCase());
  if (!found) throw new UserError(`${flag} must be one of: ${allowed.join(', ')}.`);
  return found;
}
