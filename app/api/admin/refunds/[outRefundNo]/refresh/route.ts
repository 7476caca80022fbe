// POST /api/admin/refunds/{outRefundNo}/refresh – asks WeChat (refundquery) and applies the answer;
// 200 with the refund as it stands now {outRefundNo, status, refundFen, errCode}.
import { refreshRefund } from '@/lib/refunds/query-refund';
import { respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

export function POST(_request: Request, { params }: { params: Promise<{ outRefundNo: string }> }) {
  return respond(async () => {
    await requireAdmin();
    return Response.json(await refreshRefund((await params).outRefundNo));
  });
}
