import { z } from 'zod';

/** Zod pieces used by several contract slices. */
export const id = z.string().min(1).max(64);
export const decimal = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a number like 12.5 or -3');
export const positiveDecimal = decimal.refine((v) => !v.startsWith('-') && Number(v) > 0, 'must be greater than zero');
export const epochMs = z.number().int().min(0).max(8_640_000_000_000);
export const currency = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code like USD');
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2025-01-31');
export const timeZone = z
  .string()
  .min(1)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be a time zone like America/New_York');
export const labels = z.array(z.string().trim().min(1).max(60)).max(30);
export const empty = z.object({}).strict();
