// The shop's WeChat Pay client, built on first use so that `next build` needs no merchant key.
import 'server-only';
import { getEnv } from '@/lib/env';
import { createBillClient, createWechatPayClient, type BillClient, type NotifyExpectation, type WechatPayClient } from '@/lib/wechatpay';

let client: WechatPayClient | undefined;
let billClient: BillClient | undefined;

function merchantConfig() {
  const env = getEnv();
  return { appid: env.WXPAY_APPID, mchId: env.WXPAY_MCH_ID, key: env.WXPAY_KEY, signType: env.WXPAY_SIGN_TYPE, baseUrl: env.WXPAY_BASE_URL };
}

export function getMerchantClient(): WechatPayClient {
  client ??= createWechatPayClient(merchantConfig());
  return client;
}

/** downloadbill (reconciliation): the same merchant and host, a client of its own (a bill is not a v2 reply). */
export function getBillClient(): BillClient {
  billClient ??= createBillClient(merchantConfig());
  return billClient;
}

export function merchantNotifyExpectation(): NotifyExpectation {
  const env = getEnv();
  return { appid: env.WXPAY_APPID, mchId: env.WXPAY_MCH_ID, key: env.WXPAY_KEY, signType: env.WXPAY_SIGN_TYPE };
}
