// POST /api/admin/anomalies/{payLogId}/refund – refunds an anomaly's payment (a second payment,
// money for a closed order) in full and resolves the anomaly with a note. Replies as creating a
// refund does (201 / 202 / 200 / 409 / 502 / 503); 404 when the pay log is no such anomaly.
import { z } from 'zod';
import { idParam } from '@/lib/admin/filters';
import { refundAnomaly } from '@/lib/refunds/refund-anomaly';
import { parseWith, respond } from '@/app/_server/http';
import { refundResponse } from '@/app/_server/refund-reply';
import { requireAdmin } from '@/app/_server/session';

export function POST(_request: Request, { params }: { params: Promise<{ payLogId: string }> }) {
  return respond(async () => {
    const operator = await requireAdmin();
    const { payLogId } = parseWith(z.object({ payLogId: idParam }), await params);
    const refund = await refundAnomaly(payLogId, operator.id);
    return refundResponse(refund, refund.repeated);
  });
}
