import type { Command } from 'commander';
import type { Core } from '../../electron/core/core';
import type { EmbeddingsStatus, SimilarTrades } from '../../shared/contract/embeddings';
import type { GlobalOptions } from './context';
import { openCore } from './context';
import { positiveInt } from './options';

type SimilarOptions = { k: number; account?: string; symbol?: string; json?: boolean };

/** `tpj similar <tradeId>`, `tpj embeddings status`, `tpj embeddings rebuild`. */
export function registerEmbeddings(program: Command, globals: () => GlobalOptions): void {
  program
    .command('similar')
    .description('the trades most like one trade (works offline; Gemini embeddings when GEMINI_API_KEY is set)')
    .argument('<tradeId>', 'trade id (see `tpj trades`)')
    .option('--k <n>', 'how many (1-50)', (v) => Math.min(50, positiveInt(v, 1)), 10)
    .option('--account <id>', 'only trades of this account')
    .option('--symbol <symbol>', 'only trades of this symbol')
    .option('--json', 'print JSON')
    .action(async (tradeId: string, opts: SimilarOptions) => {
      const { core, call, close } = openCore(globals());
      try {
        await catchUp(core);
        const result = await call('embeddings.similar', {
          tradeId,
          k: opts.k,
          ...(opts.account ? { accountId: opts.account } : {}),
          ...(opts.symbol ? { symbol: opts.symbol } : {}),
        });
        console.log(opts.json ? JSON.stringify(result) : describeSimilar(result));
      } finally {
        await core.embeddings.close();
        close();
      }
    });

  const embeddings = program.command('embeddings').description('the embedding cache behind similar trades');
  embeddings
    .command('status')
    .description('provider, vectors cached and how many trades have one')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { core, call, close } = openCore(globals());
      try {
        const status = await call('embeddings.status', {});
        console.log(opts.json ? JSON.stringify(status) : describeStatus(status));
      } finally {
        await core.embeddings.close();
        close();
      }
    });
  embeddings
    .command('rebuild')
    .description('empty the cache and embed the whole journal again (progress on stderr; Ctrl-C stops it)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { core, call, close } = openCore(globals());
      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once('SIGINT', stop);
      try {
        let shown = -1;
        await core.embeddings.rebuild({
          signal: abort.signal,
          progress: (done, total) => {
            const percent = Math.floor((100 * done) / total);
            if (percent !== shown) process.stderr.write(`\rembedding… ${(shown = percent)}%`);
          },
        });
        process.stderr.write('\n');
        const status = await call('embeddings.status', {});
        console.log(opts.json ? JSON.stringify(status) : `Rebuilt. ${describeStatus(status)}`);
      } finally {
        process.off('SIGINT', stop);
        await core.embeddings.close();
        close();
      }
    });
}

/**
 * Embed what is missing or changed first: one-shot commands do not run the job queue that
 * normally does it. Unchanged rows cost a hash each; the cache answers for the rest.
 */
async function catchUp(core: Core): Promise<void> {
  const status = await core.embeddings.status();
  if (status.coverage < 1) process.stderr.write(`embedding ${status.trades - status.tradesEmbedded} trades…\n`);
  await core.embeddings.embedAll();
}

export function describeSimilar(result: SimilarTrades): string {
  if (result.items.length === 0) return 'No similar trades found (with these filters).';
  const lines = result.items.map(
    ({ trade, score }) =>
      `${score.toFixed(3)}  ${trade.id}  ${new Date(trade.openedAt).toISOString().slice(0, 16).replace('T', ' ')}  ${trade.symbol} ${trade.side}  net ${trade.netPnl} ${trade.currency}`,
  );
  return [`score  trade (by ${result.provider}/${result.model})`, ...lines].join('\n');
}

export function describeStatus(s: EmbeddingsStatus): string {
  return `${s.provider}/${s.model} (${s.dims} dims): ${s.vectorsCached} vectors cached, ${s.tradesEmbedded} of ${s.trades} trades embedded (${Math.round(s.coverage * 100)}%).`;
}
