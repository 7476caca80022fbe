// How every route that sends a refund answers (spec "Refunds"): 200 a known idempotencyKey, 201
// accepted by WeChat (processing), 202 to be sent again by the sweep (requested), 502 with WeChat's
// err_code when it refused (failed).
import 'server-only';
import { AppError } from '@/lib/errors';
import type { RefundReply } from '@/lib/refunds/send-refund';

export function refundResponse(refund: RefundReply, repeated = false): Response {
  const reply = { outRefundNo: refund.outRefundNo, status: refund.status, refundFen: refund.refundFen };
  if (repeated) return Response.json(reply, { status: 200 });
  if (refund.status === 'failed') {
    throw new AppError('wechat_error', `WeChat Pay refused the refund: ${refund.message ?? refund.errCode}`, { ...reply, errCode: refund.errCode });
  }
  return Response.json(reply, { status: refund.status === 'requested' ? 202 : 201 });
}
