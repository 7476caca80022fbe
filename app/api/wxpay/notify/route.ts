// POST /api/wxpay/notify – WeChat Pay v2 payment notification (XML). Answers SUCCESS only after the
// outcome is committed; FAIL (so WeChat retries) for anything refused; 5xx only when nothing could
// be stored.
import { readCappedText } from '@/lib/http/read-capped-body';
import { handleNotify } from '@/lib/payments/handle-notify';
import { v2NotifyProtocol } from '@/lib/payments/v2-notify-protocol';
import { MAX_XML_BYTES, notifyReply } from '@/lib/wechatpay';
import { log } from '@/lib/log';

export async function POST(request: Request) {
  try {
    const { ok, text } = await readCappedText(request, MAX_XML_BYTES);
    const tooLarge = !ok;
    const outcome = await handleNotify(text, v2NotifyProtocol, { tooLarge });
    return xml(notifyReply(outcome.acknowledge ? 'SUCCESS' : 'FAIL', outcome.message), tooLarge ? 413 : 200);
  } catch (err) {
    log.error({ err }, 'notify could not be recorded');
    return xml(notifyReply('FAIL', 'temporarily unable to record'), 500);
  }
}

function xml(body: string, status: number) {
  return new Response(body, { status, headers: { 'Content-Type': 'text/xml; charset=utf-8' } });
}
