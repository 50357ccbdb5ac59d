import { describe, expect, it } from 'vitest';
import { splitRules } from './rules-kept';

describe('splitRules', () => {
  const rules = [
    { id: 'r1', text: 'Wait for the range' },
    { id: 'r2', text: 'Stop beyond it' },
    { id: 'r3', text: 'Half off at 1R' },
  ];

  it('splits the playbook’s rules in their order, ignoring ids of rules it no longer has and repeats', () => {
    const { kept, missed } = splitRules(rules, ['r3', 'gone', 'r1', 'r1']);
    expect(kept.map((r) => r.id)).toEqual(['r1', 'r3']);
    expect(missed.map((r) => r.id)).toEqual(['r2']);
  });

  it('misses every rule when none is ticked, and has nothing to split without rules', () => {
    expect(splitRules(rules, []).missed).toHaveLength(3);
    expect(splitRules([], ['r1'])).toEqual({ kept: [], missed: [] });
  });
});
