/** Format an integer count of 10^-decimals units as a canonical decimal string ("-58.5", "6050.25", "12"). */
export function formatScaled(units: number, decimals: number): string {
  if (!Number.isSafeInteger(units)) throw new Error(`Not a safe integer: ${units}`);
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

/** A tick size such as "0.25" as an integer step over a power of ten: {step: 25, decimals: 2}. */
export function tickScale(tick: string): { step: number; decimals: number } {
  const [, fraction = ''] = tick.split('.');
  const decimals = fraction.length;
  return { step: Math.round(Number(tick) * 10 ** decimals), decimals };
}
