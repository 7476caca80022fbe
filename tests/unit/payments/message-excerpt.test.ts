import { describe, expect, it } from 'vitest';
import { clipUtf8, EXCERPT_BYTES, messageExcerpt } from '@/lib/payments/message-excerpt';

const bytesOf = (r: Record<string, string>) => Object.entries(r).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);

describe('messageExcerpt', () => {
  it('keeps a small message whole', () => {
    const fields = { out_trade_no: 'A1', sign: 'F'.repeat(64), total_fee: '100' };
    expect(messageExcerpt(fields)).toEqual(fields);
  });

  it('bounds the whole excerpt, not each field: 60 KB in one field or spread over many', () => {
    const one = messageExcerpt({ attach: 'x'.repeat(60 * 1024), out_trade_no: 'A1' });
    expect(bytesOf(one)).toBeLessThanOrEqual(EXCERPT_BYTES);
    expect(one.out_trade_no).toBe('A1');
    const many = messageExcerpt(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`f${i}`, 'y'.repeat(30)])));
    expect(bytesOf(many)).toBeLessThanOrEqual(EXCERPT_BYTES);
    const longKeys = messageExcerpt(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${i}${'k'.repeat(5000)}`, ''])));
    expect(bytesOf(longKeys)).toBeLessThanOrEqual(EXCERPT_BYTES);
  });

  it('puts the fields an operator searches for first, so they survive the cut', () => {
    const excerpt = messageExcerpt({ attach: 'x'.repeat(5000), transaction_id: '4200', out_trade_no: 'A1' });
    expect(Object.keys(excerpt).slice(0, 3)).toEqual(['out_trade_no', 'transaction_id', 'attach']);
  });

  it('counts UTF-8 bytes, never splits a character, and replaces NUL', () => {
    const excerpt = messageExcerpt({ body: '茶'.repeat(1000), nul: '\u0000' });
    expect(bytesOf(excerpt)).toBeLessThanOrEqual(EXCERPT_BYTES);
    expect(excerpt.body).toMatch(/^茶+$/);
    expect(clipUtf8('a茶', 3)).toBe('a');
    expect(messageExcerpt({ a: '\u0000' })).toEqual({ a: '\uFFFD' });
  });
});
