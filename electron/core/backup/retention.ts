const DAY_MS = 86_400_000;

/** What the retention rule needs to know about one backup. */
export type RetainedBackup = { file: string; createdAt: number; verified: boolean };

/** Keep every backup younger than `keepDays`, and the newest `keepLast` whatever their age. */
export type RetentionRule = { keepDays: number; keepLast: number };

/**
 * The backups the rule removes, oldest last. One exception beats the rule: if nothing kept
 * is verified, the newest verified backup stays, so retention never deletes the only
 * backup known to be good.
 */
export function backupsToRemove(backups: readonly RetainedBackup[], rule: RetentionRule, now: number): string[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt - a.createdAt);
  const cutoff = now - rule.keepDays * DAY_MS;
  const keep = new Set<string>();
  newestFirst.forEach((b, index) => {
    if (index < rule.keepLast || b.createdAt >= cutoff) keep.add(b.file);
  });
  if (!newestFirst.some((b) => b.verified && keep.has(b.file))) {
    const newestGood = newestFirst.find((b) => b.verified);
    if (newestGood) keep.add(newestGood.file);
  }
  return newestFirst.filter((b) => !keep.has(b.file)).map((b) => b.file);
}
