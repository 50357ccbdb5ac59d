import type { Command } from 'commander';
import type { CoachAsk, CoachReply } from '../../shared/contract';
import type { GlobalOptions } from './context';
import { openCore } from './context';
import { UserError } from './errors';
import { day } from './options';

type CoachOptions = { trade?: string; week?: string; json?: boolean };

/**
 * `tpj coach [QUESTION] [--trade ID] [--week DATE] [--json]`: ask Gemini (GEMINI_API_KEY,
 * TPJ_GEMINI_BASE_URL) or, without a key or when it fails, the local coach, saying why.
 */
export function registerCoach(program: Command, globals: () => GlobalOptions): void {
  program
    .command('coach')
    .description(
      'ask the coach: review a trade, review a week, or ask a question (Gemini with GEMINI_API_KEY; works offline)',
    )
    .argument('[question...]', 'a question, e.g. "what is my worst setup?" (none: the overall review)')
    .option('--trade <id>', 'review one trade')
    .option('--week <date>', 'review the week holding this date (YYYY-MM-DD)', day)
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: CoachOptions) => {
      const ask = askFrom(words.join(' ').trim(), opts);
      const { call, close } = openCore(globals());
      try {
        const reply = await call('coach.ask', ask);
        if (opts.json) return console.log(JSON.stringify(reply));
        console.log(`${providerLine(reply)}\n\n${forTerminal(reply.answer)}`);
      } finally {
        close();
      }
    });
}

/** Who answered: "Gemini (model)", or the local coach and why Gemini did not. */
export function providerLine(reply: Pick<CoachReply, 'provider' | 'model' | 'fallbackReason'>): string {
  if (reply.provider === 'gemini') return `Gemini (${reply.model ?? 'unknown model'})`;
  return `Local coach — ${reply.fallbackReason ?? 'works offline'}`;
}

/** One mode from the arguments; mixing them is the trader's mistake, said plainly. */
export function askFrom(question: string, opts: CoachOptions): CoachAsk {
  const chosen = [question !== '', opts.trade !== undefined, opts.week !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new UserError('Ask one thing at a time: a question, --trade ID or --week DATE.');
  if (opts.trade !== undefined) return { mode: 'trade', tradeId: opts.trade };
  if (opts.week !== undefined) return { mode: 'week', date: opts.week };
  return { mode: 'chat', question: question || 'How am I doing overall?' };
}

/** Markdown made readable in a terminal: trade links show their id, emphasis marks go. */
export function forTerminal(markdown: string): string {
  return markdown
    .replace(/\[((?:\\.|[^\]\\])*)\]\(trade:([^)\s]+)\)/g, (_, label: string, id: string) => `${label} (trade ${id})`)
    .replace(/\*\*/g, '')
    .replace(/\\([\\`*_[\]<>])/g, '$1');
}
