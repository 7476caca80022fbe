/** 6800 → "¥68.00". Fen stay integers everywhere; this is the only place they become yuan. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * "68.00" / "68.5" / "68" → 6800 / 6850 / 6800: a yuan amount typed by a merchant, parsed as
 * digits (never through a float). undefined when it is not such an amount.
 */
export function parseYuan(input: string): number | undefined {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 6800 → "68.00": a price as a merchant types it (the inverse of parseYuan). */
export function fenToYuan(fen: number): string {
  return formatFen(fen).replace('¥', '');
}
