// /sandbox/pay/refundquery – WeChat Pay v2 查询退款 (no certificate): signed XML in, signed XML out, always HTTP 200.
import { v2Route } from '@/lib/sandbox/envelope';
import { queryRefund } from '@/lib/sandbox/query-refund';

export const POST = v2Route(queryRefund);
// WeChat answers other methods in XML (请使用post方法), not with HTTP 405.
export const GET = POST;
