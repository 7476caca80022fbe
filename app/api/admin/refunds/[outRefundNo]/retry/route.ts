// POST /api/admin/refunds/{outRefundNo}/retry – sends a `failed` refund again with the same
// out_refund_no (e.g. after topping up the balance for NOTENOUGH). Replies as creating one does:
// 201 processing, 202 requested, 502 refused again; 409 when it is not failed or no longer fits.
import { retryRefund } from '@/lib/refunds/retry-refund';
import { respond } from '@/app/_server/http';
import { refundResponse } from '@/app/_server/refund-reply';
import { requireAdmin } from '@/app/_server/session';

export function POST(_request: Request, { params }: { params: Promise<{ outRefundNo: string }> }) {
  return respond(async () => {
    await requireAdmin();
    const refund = await retryRefund((await params).outRefundNo);
    return refundResponse(refund);
  });
}
