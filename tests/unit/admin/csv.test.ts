import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '@/lib/admin/csv';

describe('csvCell', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+8613800138000', "'+8613800138000"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('defuses a formula-looking %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and leaves plain text alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell('龙井 ¥68.00')).toBe('龙井 ¥68.00');
  });

  it('writes numbers as numbers, dates as ISO instants, nothing for null', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01T00:00:00.000Z');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('ends each row with CRLF', () => {
    expect(csvRow([1, 'a', null, '=x'])).toBe("1,a,,'=x\r\n");
  });
});
