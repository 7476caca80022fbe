// A product's permanent Native mode 1 QR content (wechatpay.md §12): what its printed poster encodes.
// WeChat never expires it, so each rendering may carry a fresh time_stamp and nonce; every one is valid.
import 'server-only';
import { getEnv } from '@/lib/env';
import { buildBizPayUrl } from '@/lib/wechatpay';

export function productQrUrl(productId: number): string {
  const env = getEnv();
  return buildBizPayUrl({ appid: env.WXPAY_APPID, mchId: env.WXPAY_MCH_ID, key: env.WXPAY_KEY }, { productId: String(productId) });
}
