// Bills print yuan as decimal strings; money stays integer (product.md "Reconciliation": never through floating point).
const YUAN = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A yuan amount as an integer count of 10^-decimals yuan: decimals 2 gives fen, 5 gives thousandths of a fen.
 * Undefined when the text is not a plain decimal, has more than `decimals` fraction digits or is out of safe range.
 */
export function parseYuan(text: string, decimals: number): number | undefined {
  const match = YUAN.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > decimals) return undefined;
  const units = Number(whole + fraction.padEnd(decimals, '0'));
  if (!Number.isSafeInteger(units)) return undefined;
  // `-0.00` is zero, not negative zero.
  return sign && units !== 0 ? -units : units;
}

/** Inverse of parseYuan: `units` of 10^-decimals yuan printed with exactly `decimals` fraction digits. */
export function formatYuan(units: number, decimals: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`formatYuan: ${units} is not a safe integer`);
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const sign = units < 0 ? '-' : '';
  return decimals === 0 ? `${sign}${whole}` : `${sign}${whole}.${digits.slice(-decimals)}`;
}

/** Integer division rounding halves away from zero (half-up for the positive totals bills carry). */
export function roundDiv(units: number, divisor: number): number {
  // % on integers is exact, unlike units / divisor.
  const rest = units % divisor;
  const q = (units - rest) / divisor;
  const r = Math.abs(rest);
  if (r * 2 < divisor) return q;
  return units < 0 ? q - 1 : q + 1;
}
