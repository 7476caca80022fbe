// /sandbox/pay/orderquery – WeChat Pay v2 查询订单: signed XML in, signed XML out, always HTTP 200.
import { v2Route } from '@/lib/sandbox/envelope';
import { queryOrder } from '@/lib/sandbox/query-order';

export const POST = v2Route(queryOrder);
// WeChat answers other methods in XML (请使用post方法), not with HTTP 405.
export const GET = POST;
