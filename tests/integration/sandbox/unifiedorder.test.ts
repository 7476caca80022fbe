// /sandbox/pay/unifiedorder: validation, the order it creates, and WeChat's re-entry (重入) rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatWxTime } from '@/lib/wechatpay';
import { callV2, orderFields, placeOrder, scanPay, startNotifyListener, tokenOf, type NotifyListener } from './helpers';

let listener: NotifyListener;
beforeAll(async () => {
  listener = await startNotifyListener();
});
afterAll(() => listener.close());

describe('sandbox unifiedorder', () => {
  it.each(['MD5', 'HMAC-SHA256'] as const)('creates a Native order signed with %s', async (signType) => {
    const reply = await callV2('unifiedorder', orderFields(), { signType });
    expect(reply).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS', trade_type: 'NATIVE' });
    expect(reply.prepay_id).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
    expect(reply.code_url).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=[0-9A-Za-z]{9}$/);
    expect(reply.err_code).toBeUndefined();
  });

  it('answers an identical repeat with the same prepay_id and code_url, whatever nonce, IP or sign type', async () => {
    const fields = orderFields();
    const first = await callV2('unifiedorder', fields);
    const again = await callV2('unifiedorder', { ...fields, spbill_create_ip: '10.0.0.8' }, { signType: 'HMAC-SHA256' });
    expect(again).toMatchObject({ result_code: 'SUCCESS', prepay_id: first.prepay_id, code_url: first.code_url });
  });

  it('creates one order when identical first requests race', async () => {
    const fields = orderFields();
    const replies = await Promise.all(Array.from({ length: 6 }, () => callV2('unifiedorder', fields)));
    expect(replies.map((r) => r.result_code)).toEqual(Array(6).fill('SUCCESS'));
    expect(new Set(replies.map((r) => r.code_url)).size).toBe(1);
    expect(new Set(replies.map((r) => r.prepay_id)).size).toBe(1);
  });

  it.each([
    ['total_fee', { total_fee: 6801 }],
    ['body', { body: 'Teahouse-Longjing 500g' }],
    ['an added attach', { attach: 'coupon=1' }],
    ['time_expire', { time_expire: formatWxTime(new Date(Date.now() + 20 * 60_000)) }],
  ])('refuses a repeat with a different %s: INVALID_REQUEST 201 商户订单号重复', async (_what, change) => {
    const fields = orderFields();
    expect((await callV2('unifiedorder', fields)).result_code).toBe('SUCCESS');
    const reply = await callV2('unifiedorder', { ...fields, ...change });
    expect(reply).toMatchObject({ result_code: 'FAIL', err_code: 'INVALID_REQUEST', err_code_des: '201 商户订单号重复' });
  });

  it('answers ORDERPAID for a paid out_trade_no', async () => {
    const fields = orderFields({ notify_url: listener.url });
    const first = await callV2('unifiedorder', fields);
    expect((await scanPay(tokenOf(first.code_url))).status).toBe(200);
    const reply = await callV2('unifiedorder', fields);
    expect(reply).toMatchObject({ result_code: 'FAIL', err_code: 'ORDERPAID' });
  });

  it('refuses a time_expire less than a (scaled) minute ahead', async () => {
    const reply = await callV2('unifiedorder', orderFields({ time_expire: formatWxTime(new Date(Date.now() - 1000)) }));
    expect(reply).toMatchObject({
      result_code: 'FAIL',
      err_code: 'INVALID_REQUEST',
      err_code_des: 'time_expire时间过短，刷卡至少1分钟，其他5分钟',
    });
  });

  it('accepts an order without time_expire', async () => {
    await placeOrder({ time_expire: undefined });
  });

  it.each(['body', 'out_trade_no', 'total_fee', 'spbill_create_ip', 'notify_url', 'trade_type', 'product_id'])(
    'answers LACK_PARAMS naming a missing %s',
    async (name) => {
      const reply = await callV2('unifiedorder', orderFields({ [name]: undefined }));
      expect(reply).toMatchObject({ result_code: 'FAIL', err_code: 'LACK_PARAMS', err_code_des: `缺少参数${name}` });
    },
  );

  it('treats an empty element as missing', async () => {
    const reply = await callV2('unifiedorder', orderFields({ body: '' }));
    expect(reply).toMatchObject({ err_code: 'LACK_PARAMS', err_code_des: '缺少参数body' });
  });

  it.each([
    ['out_trade_no too short', { out_trade_no: 'T1234' }],
    ['out_trade_no too long', { out_trade_no: `T${'1'.repeat(32)}` }],
    ['out_trade_no with a space', { out_trade_no: 'T123 456' }],
    ['out_trade_no with a dot', { out_trade_no: 'T123.456' }],
    ['total_fee 0', { total_fee: '0' }],
    ['total_fee 1.5', { total_fee: '1.5' }],
    ['total_fee -1', { total_fee: '-1' }],
    ['total_fee 01', { total_fee: '01' }],
    ['total_fee beyond Int', { total_fee: '9999999999' }],
    ['time_expire not yyyyMMddHHmmss', { time_expire: '2030-01-01 10:00:00' }],
    ['time_expire not a real date', { time_expire: '20301301100000' }],
    ['time_start not a real date', { time_start: '20300230100000' }],
    ['trade_type JSAPI', { trade_type: 'JSAPI' }],
    ['notify_url with a query string', { notify_url: 'https://shop.example/notify?order=1' }],
    ['notify_url relative', { notify_url: '/api/wxpay/notify' }],
    ['notify_url ftp', { notify_url: 'ftp://shop.example/notify' }],
    ['body over 128 bytes', { body: '茶'.repeat(43) }],
    ['attach over 127 bytes', { attach: 'a'.repeat(128) }],
    ['product_id over 32 bytes', { product_id: 'p'.repeat(33) }],
    ['fee_type other than CNY', { fee_type: 'USD' }],
  ])('answers PARAM_ERROR for %s', async (_what, change) => {
    const reply = await callV2('unifiedorder', orderFields(change));
    expect(reply).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'PARAM_ERROR' });
  });

  it('accepts the edges of the rules: 6- and 32-character out_trade_no, 128-byte body, the symbols _-|*', async () => {
    const random = () => Math.random().toString(36).slice(2, 7).padEnd(5, '0');
    await placeOrder({ out_trade_no: `S${random()}` });
    await placeOrder({ out_trade_no: `L${random()}_-|*`.padEnd(32, '0') });
    await placeOrder({ body: `${'茶'.repeat(42)}ab` });
  });
});
