import { describe, expect, it } from 'vitest';
import { addRule, editRule, moveRule, removeRule } from './rules';

const rules = [
  { id: 'a', text: 'Trend up on the daily' },
  { id: 'b', text: 'Pullback to the 20 EMA' },
  { id: 'c', text: 'Stop under the swing low' },
];
const texts = (list: { text: string }[]) => list.map((r) => r.text);

describe('playbook rules', () => {
  it('adds a rule at the end, trimmed, and ignores a blank one', () => {
    expect(addRule(rules, '  Risk 1R  ', 'd').at(-1)).toEqual({ id: 'd', text: 'Risk 1R' });
    expect(addRule(rules, '   ', 'd')).toEqual(rules);
  });

  it('edits one rule, and a rule emptied by editing is removed', () => {
    expect(texts(editRule(rules, 'b', 'Pullback to VWAP'))).toEqual([
      'Trend up on the daily',
      'Pullback to VWAP',
      'Stop under the swing low',
    ]);
    expect(editRule(rules, 'b', ' ').map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('removes a rule by id', () => {
    expect(removeRule(rules, 'a').map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('moves a rule up or down, and not past either end', () => {
    expect(moveRule(rules, 'c', -1).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(moveRule(rules, 'a', 1).map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(moveRule(rules, 'a', -1).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(moveRule(rules, 'c', 1).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(moveRule(rules, 'zz', 1)).toEqual(rules);
  });
});
