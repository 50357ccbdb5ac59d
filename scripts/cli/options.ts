import { InvalidArgumentError } from 'commander';

/** Parse a whole number ≥ floor (wrap it: Commander passes the previous value as a second argument). */
export function positiveInt(value: string, floor: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < floor) throw new InvalidArgumentError(`expected a whole number of at least ${floor}`);
  return n;
}

/** Commander parser for a calendar day. */
export function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected a date like 2025-01-31');
  }
  return value;
}
