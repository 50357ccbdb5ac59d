import { describe, expect, it } from 'vitest';
import { adherenceFigures, playbookFigures } from './playbook-stats';

const text = (figures: { key: string; text: string }[]) => Object.fromEntries(figures.map((f) => [f.key, f.text]));

describe('playbook figures', () => {
  it('shows n/a, never NaN, for a playbook no closed trade used', () => {
    expect(text(playbookFigures(undefined, 'USD'))).toEqual({
      trades: '0',
      'win-rate': 'n/a',
      'net-pnl': 'n/a',
      expectancy: 'n/a',
      'profit-factor': 'n/a',
    });
  });

  it('works out expectancy as net P&L per trade, and keeps a null profit factor as n/a', () => {
    const bucket = {
      key: 'p1',
      trades: 4,
      wins: 4,
      losses: 0,
      winRate: 1,
      netPnl: '250',
      avgR: null,
      profitFactor: null,
    };
    const shown = text(playbookFigures(bucket, 'USD'));
    expect(shown['trades']).toBe('4');
    expect(shown['expectancy']).toMatch(/62\.50/);
    expect(shown['net-pnl']).toMatch(/250\.00/);
    expect(shown['profit-factor']).toBe('n/a');
    expect(shown['win-rate']).toMatch(/100\.0/);
    expect(Object.values(shown).join(' ')).not.toMatch(/NaN|Infinity/);
  });

  it('shows how many trades kept every rule and what each side made, n/a for a side with none', () => {
    const base = { playbookId: 'p1', trades: 4, allKept: 3, allKeptNet: '300', notAllKeptNet: '-50.5', unconverted: 0 };
    const shown = text(adherenceFigures(base, 'USD'));
    expect(shown['rules-kept']).toMatch(/^3 of 4 \(75\.0/);
    expect(shown['kept-net']).toMatch(/300\.00/);
    expect(shown['broken-net']).toMatch(/50\.50/);
    const allKept = text(adherenceFigures({ ...base, allKept: 4, notAllKeptNet: '0' }, 'USD'));
    expect(allKept['broken-net']).toBe('n/a');
    const none = text(adherenceFigures({ ...base, trades: 0, allKept: 0, allKeptNet: '0', notAllKeptNet: '0' }, 'USD'));
    expect(none).toEqual({ 'rules-kept': 'n/a', 'kept-net': 'n/a', 'broken-net': 'n/a' });
    expect(adherenceFigures(undefined, 'USD')).toEqual([]);
  });
});
