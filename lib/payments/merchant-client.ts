// The shop's WeChat Pay client, built on first use so that `next build` needs no merchant key.
import 'server-only';
import { getEnv } from '@/lib/env';
import { createWechatPayClient, type NotifyExpectation, type WechatPayClient } from '@/lib/wechatpay';

let client: WechatPayClient | undefined;

export function getMerchantClient(): WechatPayClient {
  const env = getEnv();
  client ??= createWechatPayClient({
    appid: env.WXPAY_APPID,
    mchId: env.WXPAY_MCH_ID,
    key: env.WXPAY_KEY,
    signType: env.WXPAY_SIGN_TYPE,
    baseUrl: env.WXPAY_BASE_URL,
  });
  return client;
}

export function merchantNotifyExpectation(): NotifyExpectation {
  const env = getEnv();
  return { appid: env.WXPAY_APPID, mchId: env.WXPAY_MCH_ID, key: env.WXPAY_KEY, signType: env.WXPAY_SIGN_TYPE };
}
