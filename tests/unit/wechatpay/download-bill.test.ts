import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseBill } from '@/lib/wechatpay/bill';
import { createBillClient, WxDownloadBillError } from '@/lib/wechatpay/download-bill';
import { WxNetworkError, WxProtocolError } from '@/lib/wechatpay/errors';
import { verify } from '@/lib/wechatpay/sign';
import type { WxFields } from '@/lib/wechatpay/types';
import { buildXml, parseXml } from '@/lib/wechatpay/xml';

const KEY = '192006250b4c09247ec02edce69f6a2d';
const BILL = readFileSync(new URL('./fixtures/bill-all-27.csv', import.meta.url), 'utf8');
const NO_BILL =
  '<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[No Bill Exist]]></return_msg><error_code><![CDATA[20002]]></error_code></xml>';

function fakeWechat(respond: (request: WxFields) => Response) {
  const sent: { url: string; fields: WxFields }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const fields = parseXml(String(init.body));
    sent.push({ url: String(input), fields });
    return respond(fields);
  };
  const client = createBillClient({
    appid: 'wx2421b1c4370ec43b',
    mchId: '1900000109',
    key: KEY,
    signType: 'HMAC-SHA256',
    baseUrl: 'https://wx.test/sandbox/',
    fetch,
  });
  return { client, sent };
}

describe('downloadBill', () => {
  it('posts a signed request and returns the unsigned text as it came', async () => {
    const { client, sent } = fakeWechat(() => new Response(BILL));
    const result = await client.downloadBill({ billDate: '20261130' });
    expect(result).toEqual({ kind: 'bill', text: BILL });
    expect(sent[0].url).toBe('https://wx.test/sandbox/pay/downloadbill');
    expect(sent[0].fields).toMatchObject({ bill_date: '20261130', bill_type: 'ALL', sign_type: 'HMAC-SHA256' });
    expect(sent[0].fields.tar_type).toBeUndefined();
    expect(verify(sent[0].fields, KEY, 'HMAC-SHA256')).toBe(true);
  });

  it('asks for GZIP and inflates the reply', async () => {
    const { client, sent } = fakeWechat(() => new Response(gzipSync(Buffer.from(BILL))));
    const result = await client.downloadBill({ billDate: '20261130', billType: 'REFUND', gzip: true });
    expect(sent[0].fields).toMatchObject({ bill_type: 'REFUND', tar_type: 'GZIP' });
    expect(result.kind === 'bill' && parseBill(result.text).rows).toHaveLength(3);
  });

  it.each([
    ['plain', false],
    ['with tar_type=GZIP, where errors stay plain XML', true],
  ])('answers no_bill for No Bill Exist (%s)', async (_, gzip) => {
    const { client } = fakeWechat(() => new Response(NO_BILL));
    await expect(client.downloadBill({ billDate: '20261130', gzip })).resolves.toEqual({ kind: 'no_bill' });
  });

  it('throws other XML errors with their error_code', async () => {
    const { client } = fakeWechat(() => new Response(buildXml({ return_code: 'FAIL', return_msg: 'sign error', error_code: '20001' })));
    const err = await client.downloadBill({ billDate: '20261130' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WxDownloadBillError);
    expect(err).toBeInstanceOf(WxProtocolError);
    expect(err).toMatchObject({ returnMsg: 'sign error', errorCode: '20001' });
  });

  it('refuses a bad date before sending, and reports HTTP failures as network errors', async () => {
    const { client, sent } = fakeWechat(() => new Response('oops', { status: 500 }));
    for (const billDate of ['2026-11-30', '20261131', '2026113']) {
      await expect(client.downloadBill({ billDate })).rejects.toBeInstanceOf(TypeError);
    }
    expect(sent).toHaveLength(0);
    await expect(client.downloadBill({ billDate: '20261130' })).rejects.toBeInstanceOf(WxNetworkError);
  });

  it('refuses gzip that does not inflate', async () => {
    const broken = gzipSync(Buffer.from(BILL)).subarray(0, 40);
    const { client } = fakeWechat(() => new Response(broken));
    await expect(client.downloadBill({ billDate: '20261130', gzip: true })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});
