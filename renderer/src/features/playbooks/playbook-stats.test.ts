import { describe, expect, it } from 'vitest';
import { playbookFigures } from './playbook-stats';

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
});
