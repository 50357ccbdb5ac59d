import { describe, expect, it } from 'vitest';
import type { IntegrityCheck } from '../../../../shared/contract/backups';
import { checkTitle, countPairs, reportHeadline, sortChecks, worstStatus } from './integrity';

const check = (name: string, status: IntegrityCheck['status']): IntegrityCheck => ({
  name,
  status,
  detail: '',
  counts: {},
});

const checks = [
  check('database integrity', 'pass'),
  check('embedding coverage', 'n/a'),
  check('backup freshness', 'warn'),
  check('attachment files', 'fail'),
  check('foreign keys', 'pass'),
  check('orphaned links', 'fail'),
];

describe('the integrity report', () => {
  it('lists failures first, then warnings, keeping the core’s order within each', () => {
    expect(sortChecks(checks).map((c) => c.name)).toEqual([
      'attachment files',
      'orphaned links',
      'backup freshness',
      'database integrity',
      'foreign keys',
      'embedding coverage',
    ]);
  });

  it('sums the report up in a headline', () => {
    expect(reportHeadline({ checks })).toBe('2 checks failed, 1 warning');
    expect(reportHeadline({ checks: [check('a', 'pass'), check('b', 'n/a')] })).toBe('Every check passed');
    expect(reportHeadline({ checks: [check('a', 'warn'), check('b', 'warn')] })).toBe('2 warnings');
    expect(worstStatus({ checks })).toBe('fail');
    expect(worstStatus({ checks: [] })).toBe('n/a');
  });

  it('writes check names and counts in words', () => {
    expect(checkTitle('trades ⇄ executions')).toBe('Trades ⇄ executions');
    expect(countPairs({ ageHours: 3, 'tag links to deleted trades': 0, pending: 1123 }, 'en-US')).toEqual([
      'age hours: 3',
      'tag links to deleted trades: 0',
      'pending: 1,123',
    ]);
  });
});
