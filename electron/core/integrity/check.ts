import type { IntegrityCheck, IntegrityStatus } from '../../../shared/contract/backups';

/** One report line. */
export function check(
  name: string,
  status: IntegrityStatus,
  detail: string,
  counts: Record<string, number> = {},
): IntegrityCheck {
  return { name, status, detail, counts };
}

/** "3 trades" / "1 trade". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
