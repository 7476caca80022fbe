/** Integer fen from a wire value; undefined unless it is plain digits (no sign, decimals or spaces). */
export function parseFen(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const fen = Number(value);
  return Number.isSafeInteger(fen) ? fen : undefined;
}

/** The currency of a payment's amount (`fee_type`); absent means CNY, WeChat's default (wechatpay.md §4, §11). */
export function feeTypeOf(fields: Record<string, string | undefined>): string {
  return fields.fee_type || 'CNY';
}
