import { describe, expect, it } from 'vitest';
import { truncateBody } from '@/lib/wechatpay/body';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('truncateBody', () => {
  it('leaves a short body alone', () => {
    expect(truncateBody('腾讯充值中心-QQ会员充值')).toBe('腾讯充值中心-QQ会员充值');
  });

  it('defaults to 127 bytes', () => {
    expect(truncateBody('a'.repeat(200))).toBe('a'.repeat(127));
  });

  it('never splits a 3-byte Chinese character', () => {
    // 42 × 3 = 126 bytes; a 43rd character would make 129.
    const cut = truncateBody('中'.repeat(50));
    expect(cut).toBe('中'.repeat(42));
    expect(bytes(cut)).toBe(126);
  });

  it('keeps a character that ends exactly on the limit', () => {
    expect(truncateBody('a中b', 4)).toBe('a中');
  });

  it('never splits a surrogate pair', () => {
    // 'a' + 🙂 (4 bytes) = 5 bytes.
    expect(truncateBody('a🙂', 4)).toBe('a');
    expect(truncateBody('a🙂', 5)).toBe('a🙂');
    const cut = truncateBody(`${'x'.repeat(125)}🙂🙂`);
    expect(cut).toBe('x'.repeat(125));
  });

  it('returns an empty string when nothing fits', () => {
    expect(truncateBody('中', 2)).toBe('');
  });
});
