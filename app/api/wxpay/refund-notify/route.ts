// POST /api/wxpay/refund-notify – WeChat Pay v2 refund result notification (XML with req_info).
// SUCCESS only after the outcome is committed; FAIL when it does not decrypt with our key or does
// not match one of our refunds; 5xx only when nothing could be stored.
import { readCappedText } from '@/lib/http/read-capped-body';
import { log } from '@/lib/log';
import { handleRefundNotify } from '@/lib/refunds/handle-refund-notify';
import { MAX_XML_BYTES, notifyReply } from '@/lib/wechatpay';

export async function POST(request: Request) {
  try {
    const { ok, text } = await readCappedText(request, MAX_XML_BYTES);
    const outcome = await handleRefundNotify(text, { tooLarge: !ok });
    return xml(notifyReply(outcome.acknowledge ? 'SUCCESS' : 'FAIL', outcome.message), ok ? 200 : 413);
  } catch (err) {
    log.error({ err }, 'refund notify could not be recorded');
    return xml(notifyReply('FAIL', 'temporarily unable to record'), 500);
  }
}

function xml(body: string, status: number) {
  return new Response(body, { status, headers: { 'Content-Type': 'text/xml; charset=utf-8' } });
}
