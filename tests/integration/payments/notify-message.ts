// Builds notify XML the way WeChat does, signed with the test merchant key through lib/wechatpay's
// own signer (so no test hand-computes a signature).
import { randomInt } from 'node:crypto';
import { buildXml, formatWxTime, nonce, sign, type SignType } from '@/lib/wechatpay';
import { TEST_ENV } from '../../support/test-env';

export function transactionId(): string {
  let digits = '';
  for (let i = 0; i < 16; i++) digits += randomInt(10);
  return `4200${formatWxTime(new Date()).slice(0, 8)}${digits}`;
}

export function notifyXml(
  order: { orderNo: string; totalFee: number },
  opts: { overrides?: Record<string, string | undefined>; key?: string; signType?: SignType; sign?: string | null } = {},
): string {
  const fields: Record<string, string | undefined> = {
    appid: TEST_ENV.WXPAY_APPID,
    mch_id: TEST_ENV.WXPAY_MCH_ID,
    nonce_str: nonce(),
    result_code: 'SUCCESS',
    return_code: 'SUCCESS',
    openid: 'oTest0000000000000000000000',
    is_subscribe: 'N',
    trade_type: 'NATIVE',
    bank_type: 'OTHERS',
    total_fee: String(order.totalFee),
    fee_type: 'CNY',
    cash_fee: String(order.totalFee),
    transaction_id: transactionId(),
    out_trade_no: order.orderNo,
    time_end: formatWxTime(new Date()),
    ...opts.overrides,
  };
  const signature = opts.sign === undefined ? sign(fields, opts.key ?? TEST_ENV.WXPAY_KEY, opts.signType ?? 'HMAC-SHA256') : opts.sign;
  return buildXml({ ...fields, ...(signature === null ? {} : { sign: signature }) });
}

export async function postNotify(baseUrl: string, body: string) {
  const res = await fetch(`${baseUrl}/api/wxpay/notify`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: res.status, text: await res.text() };
}
