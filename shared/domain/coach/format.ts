import { zoneClock } from '../stats/time-zone';
import type { Citation, CoachContext, CoachTrade, Insight } from './types';

const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "+1,234.50 USD" / "-80.00 USD". */
export function money(value: number, currency: string): string {
  const sign = value > 0 ? '+' : value < 0 ? '-' : '';
  return `${sign}${amount.format(Math.abs(value))} ${currency}`;
}

/** "58%". */
export function percent(fraction: number | null): string {
  return fraction === null ? 'n/a' : `${Math.round(fraction * 100)}%`;
}

/** "+0.80R". */
export function rText(r: number | null): string {
  if (r === null) return 'n/a';
  return `${r > 0 ? '+' : ''}${r.toFixed(2)}R`;
}

/** "4 min", "1 h 20 min", "2.5 days". */
export function duration(ms: number | null): string {
  if (ms === null) return 'n/a';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const m = minutes % 60;
    return m === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${m} min`;
  }
  return `${(minutes / 1440).toFixed(1)} days`;
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** ISO weekday 1–7 → "Monday". */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? `day ${weekday}`;
}

/** Hour 0–23 → "09:00–10:00". */
export function hourRange(hour: number): string {
  const pad = (h: number) => String(h % 24).padStart(2, '0');
  return `${pad(hour)}:00–${pad(hour + 1)}:00`;
}

/** Local calendar parts of an instant in the coach's zone. */
export function localParts(ms: number, timeZone: string) {
  const wall = new Date(ms + zoneClock(timeZone).offsetAt(ms));
  const day = wall.toISOString().slice(0, 10);
  const weekday = ((wall.getUTCDay() + 6) % 7) + 1;
  return { day, weekday, hour: wall.getUTCHours(), minute: wall.getUTCMinutes() };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Mar 14:05" in the coach's zone. */
export function shortTime(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const month = MONTHS[Number(p.day.slice(5, 7)) - 1] ?? '';
  return `${Number(p.day.slice(8, 10))} ${month} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** Markdown markup characters escaped, so names the trader typed cannot add links or emphasis. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

/** A markdown link to a trade: "[MESZ6 long, 12 Mar 14:05](trade:<id>)". */
export function tradeLink(trade: CoachTrade, ctx: CoachContext): string {
  return `[${escapeMarkdown(trade.symbol)} ${trade.side}, ${shortTime(trade.openedAt, ctx.timeZone)}](trade:${trade.id})`;
}

/** The playbook's name, or a stand-in for trades without one. */
export function playbookName(id: string | null, ctx: CoachContext): string {
  if (id === null) return 'No playbook';
  return ctx.playbookNames[id] ?? 'A deleted playbook';
}

/** An insight (whose title and detail are markdown-safe) as a list item with its first cited trades as links. */
export function insightMarkdown(insight: Insight, byId: ReadonlyMap<string, CoachTrade>, ctx: CoachContext): string {
  const mark = insight.severity === 'warning' ? '⚠' : insight.severity === 'positive' ? '✓' : 'ℹ';
  const links = insight.tradeIds
    .slice(0, 3)
    .flatMap((id) => {
      const t = byId.get(id);
      return t ? [tradeLink(t, ctx)] : [];
    })
    .join(', ');
  return `- ${mark} **${insight.title}** — ${insight.detail}${links ? ` See ${links}.` : ''}`;
}

/** Every trade the insights and extra ids rest on, once each, in order of first mention. */
export function citationsOf(insights: readonly Insight[], extra: readonly string[] = []): Citation[] {
  const ids = new Set<string>(extra);
  for (const insight of insights) for (const id of insight.tradeIds) ids.add(id);
  return [...ids].map((id) => ({ kind: 'trade', id }));
}
