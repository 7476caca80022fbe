// What the WeChat app does when it scans a Native mode 1 product QR (wechatpay.md §12): check the
// URL's MD5 sign, POST the signed scan callback (appid, openid, mch_id, is_subscribe, nonce_str,
// product_id) to the merchant's callback URL, check the signed reply, and show the payment for the
// prepay_id it names, an order the merchant created by unifiedorder moments before. The merchant is
// reached over HTTP only, as WeChat reaches it.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getSandboxDb } from '@/db';
import { sandboxOrders } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { buildNativeCallback, parseBizPayUrl, parseNativeCallbackReply, WxXmlError } from '@/lib/wechatpay';
import { faultsFor } from './faults';
import { merchantFor } from './merchant';

/** How long the sandbox waits for the merchant's reply (WeChat does not document its own). */
export const NATIVE_CALLBACK_TIMEOUT_MS = 8_000;

/** What the WeChat app shows (observed wording, wechatpay.md §12 and the merchant-side FAQ). */
export const SCAN_ERRORS = {
  badUrl: '原生支付URL参数错误',
  merchant: '商户系统返回错误',
  busy: '系统繁忙，请稍后再试',
} as const;

export type ProductScan =
  | { ok: true; token: string; outTradeNo: string; prepayId: string }
  /** `error` as the phone shows it; `detail` says why, for the developer. */
  | { ok: false; status: 400 | 409 | 502; error: string; detail: string };

const OPENID = /^[0-9A-Za-z_-]{6,64}$/;

export async function scanProductQr(input: { url?: unknown; openid?: unknown }): Promise<ProductScan> {
  if (typeof input.openid !== 'string' || !OPENID.test(input.openid)) {
    return { ok: false, status: 400, error: 'openid must be 6–64 of [0-9A-Za-z_-]', detail: 'the simulated user needs an openid' };
  }
  const url = typeof input.url === 'string' ? input.url.trim() : '';
  const mchId = /[?&]mch_id=([^&]*)/.exec(url)?.[1];
  const merchant = mchId === undefined ? undefined : merchantFor(decodeURIComponent(mchId));
  if (!merchant) return { ok: false, status: 400, error: SCAN_ERRORS.badUrl, detail: 'not a bizpayurl of a merchant this sandbox knows' };
  const parsed = parseBizPayUrl(url, merchant);
  if (!parsed.ok) return { ok: false, status: 400, error: SCAN_ERRORS.badUrl, detail: `the URL is refused: ${parsed.reason}` };

  const fault = (await faultsFor(undefined)).nativeCallback;
  const callbackUrl = getEnv().WXPAY_NATIVE_CALLBACK_URL;
  let reply: string;
  try {
    const response = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body: buildNativeCallback(merchant, { openid: input.openid, productId: parsed.url.productId, isSubscribe: false }),
      signal: AbortSignal.timeout(NATIVE_CALLBACK_TIMEOUT_MS),
      redirect: 'manual',
      cache: 'no-store',
    });
    reply = await response.text();
  } catch (err) {
    const why = err instanceof Error && err.name === 'TimeoutError' ? `no reply within ${NATIVE_CALLBACK_TIMEOUT_MS} ms` : String(err);
    return { ok: false, status: 502, error: SCAN_ERRORS.busy, detail: `${callbackUrl}: ${why}` };
  }
  // The fault knob: the merchant's reply arrived after WeChat stopped waiting, or as bytes nobody can read.
  if (fault === 'timeout')
    return { ok: false, status: 502, error: SCAN_ERRORS.busy, detail: `fault nativeCallback timeout: the reply from ${callbackUrl} came too late` };
  if (fault === 'garbage') reply = '\u0000<xml><return_code>SUC';

  let answer;
  try {
    answer = parseNativeCallbackReply(reply, merchant);
  } catch (err) {
    if (!(err instanceof WxXmlError)) throw err;
    return { ok: false, status: 502, error: SCAN_ERRORS.merchant, detail: `the reply is not readable XML: ${err.message}` };
  }
  if (!answer.ok) {
    const detail = answer.reason === 'return_fail' ? `return_code FAIL: ${answer.returnMsg ?? ''}` : `the reply is refused: ${answer.reason}`;
    return { ok: false, status: 502, error: SCAN_ERRORS.merchant, detail };
  }
  if ('errCodeDes' in answer.answer) {
    return { ok: false, status: 409, error: answer.answer.errCodeDes || SCAN_ERRORS.merchant, detail: 'result_code FAIL' };
  }
  const prepayId = answer.answer.prepayId;
  const [order] = await getSandboxDb()
    .select({ codeToken: sandboxOrders.codeToken, outTradeNo: sandboxOrders.outTradeNo })
    .from(sandboxOrders)
    .where(and(eq(sandboxOrders.mchId, merchant.mchId), eq(sandboxOrders.prepayId, prepayId)));
  if (!order) return { ok: false, status: 502, error: SCAN_ERRORS.merchant, detail: `prepay_id ${prepayId} is not one this sandbox issued` };
  return { ok: true, token: order.codeToken, outTradeNo: order.outTradeNo, prepayId };
}
