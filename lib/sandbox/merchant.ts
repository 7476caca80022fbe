// The sandbox knows exactly one merchant: the shop's own credentials from the environment. A real
// WeChat server looks the key up by mch_id; so does this, against a directory of one.
import 'server-only';
import { getEnv } from '@/lib/env';

export interface Merchant {
  appid: string;
  mchId: string;
  key: string;
}

export function merchantFor(mchId: string): Merchant | undefined {
  const env = getEnv();
  return mchId === env.WXPAY_MCH_ID ? { appid: env.WXPAY_APPID, mchId: env.WXPAY_MCH_ID, key: env.WXPAY_KEY } : undefined;
}
