import { describe, expect, it } from 'vitest';
import { fenToYuan, formatFen, parseYuan } from '@/lib/money';

describe('parseYuan', () => {
  it.each([
    ['68.00', 6800],
    ['68.5', 6850],
    ['68', 6800],
    ['0.01', 1],
    ['0.1', 10],
    ['1234567.89', 123456789],
    [' 12.30 ', 1230],
  ])('%j → %i fen, without floating point', (input, fen) => {
    expect(parseYuan(input)).toBe(fen);
  });

  it.each(['', '.5', '1.', '1.234', '-1', '+1', '1e3', '12,5', '¥12', '12345678', 'NaN'])('refuses %j', (input) => {
    expect(parseYuan(input)).toBeUndefined();
  });

  it('round-trips with fenToYuan', () => {
    for (const fen of [1, 10, 99, 100, 6800, 123456789]) expect(parseYuan(fenToYuan(fen))).toBe(fen);
    expect(formatFen(6850)).toBe('¥68.50');
  });
});
