// /sandbox/pay/downloadbill – WeChat Pay v2 下载交易账单: signed XML in; the bill text (or gzip) out,
// or unsigned XML with error_code. Always HTTP 200, as WeChat answers.
import { downloadBill } from '@/lib/sandbox/download-bill';
import { protocolFail } from '@/lib/sandbox/envelope';
import { readCappedText, sandboxRoute } from '@/lib/sandbox/http';
import { MAX_XML_BYTES } from '@/lib/wechatpay';

const xml = (body: string) => new Response(body, { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' } });

export const POST = sandboxRoute(async (request: Request) => {
  const body = await readCappedText(request, MAX_XML_BYTES);
  if (!body.ok) return xml(protocolFail('XML格式错误'));
  const reply = await downloadBill(body.text);
  if (!reply.ok) return xml(reply.xml);
  return new Response(new Uint8Array(reply.body), {
    status: 200,
    headers: { 'Content-Type': reply.gzip ? 'application/x-gzip' : 'text/plain; charset=utf-8' },
  });
});

// WeChat answers other methods in XML (请使用post方法), not with HTTP 405.
export const GET = sandboxRoute(async () => xml(protocolFail('请使用post方法')));
