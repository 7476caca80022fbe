import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { billFeeFen, formatBill, parseBill, summarizeBill, WxBillFormatError, type BillRow } from '@/lib/wechatpay/bill';
import { formatYuan, parseYuan, roundDiv } from '@/lib/wechatpay/yuan';

// Fixtures are written by hand in WeChat's format (spec §10): BOM, CRLF, backtick-prefixed values, summary last.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseYuan', () => {
  it.each([
    ['0.01', 2, 1],
    ['1234567.89', 2, 123456789],
    ['-0.00', 2, 0],
    ['-12.34', 2, -1234],
    ['100', 2, 10000],
    ['45.0', 2, 4500],
    ['0.00006', 5, 6],
    ['7407.40734', 5, 740740734],
    ['0.60', 5, 60000],
    ['-0.07404', 5, -7404],
  ])('%s with %i decimals is %i', (text, decimals, units) => {
    expect(Object.is(parseYuan(text, decimals), units)).toBe(true);
  });

  it.each(['', '0.001', '1e3', '+1.00', ' 1.00', '1,000.00', '.5', '1.', 'NaN', '99999999999999999.99'])('refuses %j as fen', (text) => {
    expect(parseYuan(text, 2)).toBeUndefined();
  });

  it('survives where floating point does not', () => {
    // parseFloat('1234567.89') * 100 is 123456788.99999999.
    expect(parseYuan('1234567.89', 2)).toBe(123456789);
    expect(parseYuan('0.29', 2)).toBe(29);
  });

  it('formats back and rounds halves away from zero', () => {
    expect(formatYuan(1, 2)).toBe('0.01');
    expect(formatYuan(-6, 5)).toBe('-0.00006');
    expect(formatYuan(123456789, 2)).toBe('1234567.89');
    expect([roundDiv(500, 1000), roundDiv(499, 1000), roundDiv(-500, 1000), roundDiv(1500, 1000), roundDiv(0, 1000)]).toEqual([1, 0, -1, 2, 0]);
  });
});

describe('parseBill', () => {
  it('reads payments and refunds of one day (27 columns)', () => {
    const { rows, summary } = parseBill(fixture('bill-all-27.csv'));
    expect(rows.map((r) => [r.kind, r.outTradeNo, r.settlementTotalFen, r.refundFen, r.feeMilliFen])).toEqual([
      ['payment', '20261130ABCD0001', 1, 0, 6],
      ['payment', '20261130ABCD0002', 123456789, 0, 740740734],
      ['refund', '20261130ABCD0001', 0, 1, -6],
    ]);
    expect(rows[0]).toEqual({
      kind: 'payment',
      tradeTime: new Date('2026-11-30T01:15:02Z'),
      appid: 'wx2421b1c4370ec43b',
      mchId: '1900000109',
      subMchId: '0',
      deviceInfo: '',
      transactionId: '4200000263202611306770013490',
      outTradeNo: '20261130ABCD0001',
      openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      tradeType: 'NATIVE',
      tradeState: 'SUCCESS',
      bankType: 'OTHERS',
      feeType: 'CNY',
      settlementTotalFen: 1,
      couponFen: 0,
      refundFen: 0,
      couponRefundFen: 0,
      body: '演示商店-马克杯',
      attach: '',
      feeMilliFen: 6,
      rate: '0.60%',
      totalFen: 1,
      requestedRefundFen: 0,
      rateNote: '',
    } satisfies BillRow);
    expect(rows[1].body).toBe('演示商店-杯子,大号');
    expect(rows[2]).toMatchObject({
      refundId: '50000404922026113002468056157',
      outRefundNo: 'R20261130000001',
      refundType: 'ORIGINAL',
      refundStatus: 'SUCCESS',
      requestedRefundFen: 1,
    });
    expect(summary).toEqual({
      tradeCount: 3,
      settlementTotalFen: 123456790,
      refundFen: 1,
      couponRefundFen: 0,
      feeMilliFen: 740740734,
      totalFen: 123456791,
      requestedRefundFen: 1,
    });
    expect(billFeeFen(rows)).toBe(740741);
  });

  it('reads a refunds-only bill', () => {
    const { rows, summary } = parseBill(fixture('bill-refunds-27.csv'));
    expect(rows.every((r) => r.kind === 'refund')).toBe(true);
    expect(rows.map((r) => [r.outRefundNo, r.refundFen, r.refundStatus])).toEqual([
      ['R20261130000002', 1234, 'SUCCESS'],
      ['R20261130000003', 99, 'PROCESSING'],
    ]);
    expect(summary).toMatchObject({ tradeCount: 2, refundFen: 1333, feeMilliFen: -7998 });
    expect(billFeeFen(rows)).toBe(-8);
  });

  it('reads the older 24-column layout by name, with a count printed as 2.0', () => {
    const { rows, summary } = parseBill(fixture('bill-payments-24.csv'));
    expect(rows.map((r) => [r.outTradeNo, r.settlementTotalFen, r.couponFen, r.feeMilliFen, r.totalFen])).toEqual([
      ['20160501000001', 2, 0, 0, undefined],
      ['20160501000002', 10000, 100, 60000, undefined],
    ]);
    expect(summary).toEqual({ tradeCount: 2, settlementTotalFen: 10002, refundFen: 0, couponRefundFen: 0, feeMilliFen: 60000 });
  });

  it('reads an empty bill', () => {
    expect(parseBill(fixture('bill-empty-27.csv'))).toEqual({
      rows: [],
      summary: { tradeCount: 0, settlementTotalFen: 0, refundFen: 0, couponRefundFen: 0, feeMilliFen: 0, totalFen: 0, requestedRefundFen: 0 },
    });
  });

  it('does not need the BOM or CRLF, and reads columns in any order', () => {
    const text = fixture('bill-all-27.csv')
      .replace(/^\uFEFF/, '')
      .replaceAll('\r\n', '\n');
    expect(parseBill(text)).toEqual(parseBill(fixture('bill-all-27.csv')));
    const reordered = [
      '商户订单号,交易时间,微信订单号,交易状态,应结订单金额,手续费',
      '`A1,`2026-11-30 00:00:00,`T1,`SUCCESS,`-0.00,`0.00000',
      '总交易单数,应结订单总金额,退款总金额,手续费总金额',
      '`1,`0.00,`0.00,`0.00000',
    ].join('\n');
    const { rows } = parseBill(reordered);
    expect(rows[0]).toMatchObject({ outTradeNo: 'A1', transactionId: 'T1', settlementTotalFen: 0, tradeTime: new Date('2026-11-29T16:00:00Z') });
    expect(Object.is(rows[0].settlementTotalFen, -0)).toBe(false);
  });

  it('sums fees exactly and rounds once', () => {
    const header = '交易时间,微信订单号,商户订单号,交易状态,应结订单金额,手续费';
    const line = (i: number) => `\`2026-11-30 00:00:0${i},\`T${i},\`O${i},\`SUCCESS,\`0.42,\`0.00250`;
    const text = [header, line(1), line(2), '总交易单数,应结订单总金额,退款总金额,手续费总金额', '`2,`0.84,`0.00,`0.00500'].join('\r\n');
    const { rows } = parseBill(text);
    // Each fee alone rounds to 0 fen; their exact sum is half a fen, which rounds up once.
    expect(billFeeFen(rows)).toBe(1);
  });

  it.each([
    ['an unknown column', (t: string) => t.replace('费率备注', '备注')],
    ['a missing backtick', (t: string) => t.replace('`0.01,`0.00,`0,`0', '0.01,`0.00,`0,`0')],
    ['a float fee of six decimals', (t: string) => t.replace('`0.00006', '`0.000061')],
    ['an amount with three decimals', (t: string) => t.replace('`1234567.89', '`1234567.891')],
    ['a bad date', (t: string) => t.replace('2026-11-30 09:15:02', '2026/11/30 09:15:02')],
    ['a short row', (t: string) => t.replace(',`0.60%,`0.01,`0.00,`\r\n', ',`0.60%,`0.01,`0.00\r\n')],
    ['no summary', (t: string) => t.slice(0, t.indexOf('总交易单数'))],
    ['text after the summary', (t: string) => `${t}garbage\r\n`],
    ['a fractional count', (t: string) => t.replace('`3,`1234567.90', '`3.5,`1234567.90')],
  ])('refuses %s', (_, change) => {
    expect(() => parseBill(change(fixture('bill-all-27.csv')))).toThrow(WxBillFormatError);
  });
});

describe('formatBill', () => {
  it.each([
    ['bill-all-27.csv', 27],
    ['bill-refunds-27.csv', 27],
    ['bill-empty-27.csv', 27],
    ['bill-payments-24.csv', 24],
  ] as const)('writes %s back byte for byte', (name, columns) => {
    const text = fixture(name);
    const { rows, summary } = parseBill(text);
    const written = formatBill(rows, summary, columns);
    // The 24-column fixture prints the count as 2.0 and its fee with two decimals; WeChat's current format does not.
    if (columns === 24) expect(parseBill(written)).toEqual({ rows, summary });
    else expect(written).toBe(text);
  });

  it('summarizes rows the way the summary line adds them up', () => {
    const { rows, summary } = parseBill(fixture('bill-all-27.csv'));
    expect(summarizeBill(rows)).toEqual(summary);
  });

  it('parses a 10,000-row bill within a bounded amount of memory', () => {
    const template = parseBill(fixture('bill-all-27.csv')).rows;
    const rows: BillRow[] = Array.from({ length: 10_000 }, (_, i) => ({
      ...template[i % 3],
      outTradeNo: `ORDER${String(i).padStart(8, '0')}`,
      transactionId: `42000002632026113067${String(i).padStart(8, '0')}`,
    }));
    const text = formatBill(rows, summarizeBill(rows));
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const bill = parseBill(text);
    const elapsed = performance.now() - started;
    const grown = process.memoryUsage().heapUsed - before;
    expect(bill.rows).toHaveLength(10_000);
    expect(bill.summary.tradeCount).toBe(10_000);
    expect(billFeeFen(bill.rows)).toBe(roundDiv(bill.summary.feeMilliFen, 1000));
    // The text is 2.7 MB and the rows took about 15 MB when measured; 64 MB leaves room for GC timing.
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    expect(elapsed).toBeLessThan(5000);
  });
});
