import type { PlaybookRule } from './types';

/**
 * A playbook's rules split by whether a trade ticked them as kept. Only the rules the
 * playbook has now count: an id ticked for a rule since deleted is neither kept nor missed.
 * The one reading of `rulesKept` the trade page, the playbook figures and the coach share.
 */
export function splitRules<R extends Pick<PlaybookRule, 'id'>>(
  rules: readonly R[],
  rulesKept: readonly string[],
): { kept: R[]; missed: R[] } {
  const ticked = new Set(rulesKept);
  const kept: R[] = [];
  const missed: R[] = [];
  for (const rule of rules) (ticked.has(rule.id) ? kept : missed).push(rule);
  return { kept, missed };
}
