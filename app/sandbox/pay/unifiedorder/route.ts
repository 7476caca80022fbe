// /sandbox/pay/unifiedorder – WeChat Pay v2 统一下单 (Native): signed XML in, signed XML out, always HTTP 200.
import { v2Route } from '@/lib/sandbox/envelope';
import { unifiedOrder } from '@/lib/sandbox/unified-order';

export const POST = v2Route(unifiedOrder);
// WeChat answers other methods in XML (请使用post方法), not with HTTP 405.
export const GET = POST;
