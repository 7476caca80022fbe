// POST /api/wxpay/native-callback – WeChat's Native mode 1 scan callback (MD5-signed XML): a customer
// scanned a product QR. Answers a signed prepay_id or err_code_des, or an unsigned return_code FAIL
// for anything it could not verify; 5xx only when nothing could be stored.
import { clientIp } from '@/app/_server/client-ip';
import { getEnv } from '@/lib/env';
import { readCappedText } from '@/lib/http/read-capped-body';
import { log } from '@/lib/log';
import { sellByProductQr } from '@/lib/orders/sell-by-product-qr';
import { MAX_XML_BYTES, nativeCallbackRefusal, nativeCallbackReply } from '@/lib/wechatpay';

export async function POST(request: Request) {
  try {
    const { ok, text } = await readCappedText(request, MAX_XML_BYTES);
    const outcome = await sellByProductQr(text, { tooLarge: !ok, clientIp: clientIp(request) });
    if (outcome.kind === 'refuse') return xml(nativeCallbackRefusal(outcome.returnMsg), ok ? 200 : 413);
    const env = getEnv();
    return xml(nativeCallbackReply({ appid: env.WXPAY_APPID, mchId: env.WXPAY_MCH_ID, key: env.WXPAY_KEY }, outcome.answer), 200);
  } catch (err) {
    log.error({ err }, 'native callback could not be answered');
    return xml(nativeCallbackRefusal('temporarily unable to record'), 500);
  }
}

function xml(body: string, status: number) {
  return new Response(body, { status, headers: { 'Content-Type': 'text/xml; charset=utf-8' } });
}
