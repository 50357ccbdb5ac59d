import type { PlaybookRule } from '../../../../shared/domain/types';

/** The rules with one more at the end; blank text adds nothing. */
export function addRule(rules: readonly PlaybookRule[], text: string, id: string): PlaybookRule[] {
  const trimmed = text.trim();
  return trimmed === '' ? [...rules] : [...rules, { id, text: trimmed }];
}

/** The rules with one rule's text replaced; blank text removes the rule (a rule cannot be empty). */
export function editRule(rules: readonly PlaybookRule[], id: string, text: string): PlaybookRule[] {
  const trimmed = text.trim();
  if (trimmed === '') return removeRule(rules, id);
  return rules.map((r) => (r.id === id ? { ...r, text: trimmed } : r));
}

export function removeRule(rules: readonly PlaybookRule[], id: string): PlaybookRule[] {
  return rules.filter((r) => r.id !== id);
}

/** The rules with one moved up (by −1) or down (by +1); a move past either end changes nothing. */
export function moveRule(rules: readonly PlaybookRule[], id: string, by: -1 | 1): PlaybookRule[] {
  const from = rules.findIndex((r) => r.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= rules.length) return [...rules];
  const next = [...rules];
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}
