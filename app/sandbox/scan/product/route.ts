// POST /sandbox/scan/product – the simulated WeChat user scans a Native mode 1 product QR, JSON
// {"url": "weixin://wxpay/bizpayurl?sign=…", "openid": "…"}. 200 {ok, token, outTradeNo, prepayId}: the
// payment to show at /sandbox/scan?pr=<token>; else {error} as the phone shows it (400 a bad URL,
// 409 the merchant's err_code_des, 502 the merchant's reply was late, unreadable or refused) and {detail}.
import { readJson, sandboxRoute } from '@/lib/sandbox/http';
import { scanProductQr } from '@/lib/sandbox/scan-product-qr';

export const POST = sandboxRoute(async (request: Request) => {
  const body = await readJson(request);
  if (!body.ok) return Response.json({ error: body.error }, { status: 400 });
  const scan = await scanProductQr(typeof body.value === 'object' && body.value !== null ? body.value : {});
  return scan.ok ? Response.json(scan) : Response.json({ error: scan.error, detail: scan.detail }, { status: scan.status });
});
