import type { StatsTrade } from '../stats';
import type { Trade } from '../types';

/** What an insight is about; the chat matches questions to these. */
export type InsightKind = 'setup' | 'timing' | 'holding' | 'revenge' | 'overtrading' | 'sizing' | 'mistakes';

/** positive: keep doing it; warning: costs money; info: worth knowing. */
export type InsightSeverity = 'positive' | 'info' | 'warning';

/** One finding a mentor would point out, with the numbers and the trades it rests on. */
export type Insight = {
  /** Stable per rule and subject ("setup.worst:<playbook id>"), so repeats can be recognised. */
  key: string;
  kind: InsightKind;
  severity: InsightSeverity;
  title: string;
  /** Plain words with the figures behind the finding. */
  detail: string;
  /** The trades it is based on (the most telling first, capped). */
  tradeIds: string[];
};

export type Citation = { kind: 'trade'; id: string };

/** A coach reply: markdown whose trade links read `[label](trade:<id>)`, plus what it rests on. */
export type CoachAnswer = { answer: string; insights: Insight[]; citations: Citation[] };

/** The trade fields the coach reads: the stats projection plus size and recorded mistakes. */
export type CoachTrade = StatsTrade & Pick<Trade, 'entryPrice' | 'multiplier' | 'mistakes' | 'rulesKept'>;

/** Names and units the coach writes with. */
export type CoachContext = {
  /** IANA zone for days, weekdays and hours. */
  timeZone: string;
  /** Currency of the P&L figures (the journal's base currency). */
  currency: string;
  /** Playbook id → name. */
  playbookNames: Readonly<Record<string, string>>;
  /** Playbook id → its rules now (id and text), for what a trade kept; absent: none written. */
  playbookRules?: Readonly<Record<string, readonly { id: string; text: string }[]>>;
};
