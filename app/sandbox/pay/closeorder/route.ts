// /sandbox/pay/closeorder – WeChat Pay v2 关闭订单: signed XML in, signed XML out, always HTTP 200.
import { closeSandboxOrder } from '@/lib/sandbox/close-sandbox-order';
import { v2Route } from '@/lib/sandbox/envelope';

export const POST = v2Route(closeSandboxOrder);
// WeChat answers other methods in XML (请使用post方法), not with HTTP 405.
export const GET = POST;
