// POST /api/admin/orders/{orderNo}/refunds – JSON {refundFen, reason, idempotencyKey, restockItems?,
// transactionId?}. 201 accepted by WeChat (processing); 202 stored, WeChat must be asked again
// (requested: the sweep resends it); 200 a known idempotencyKey; 409 nothing (more) to refund;
// 400 invalid; 502 refused by WeChat (failed, with its errCode); 503 no merchant certificate.
import { z } from 'zod';
import { createRefund } from '@/lib/refunds/create-refund';
import { parseJson, respond } from '@/app/_server/http';
import { refundResponse } from '@/app/_server/refund-reply';
import { requireAdmin } from '@/app/_server/session';

const body = z.object({
  refundFen: z.number().int().min(1).max(100_000_000),
  // refund_desc is at most 80 bytes at WeChat.
  reason: z
    .string()
    .trim()
    .max(80)
    .refine((s) => Buffer.byteLength(s, 'utf8') <= 80, 'must be at most 80 bytes (26 Chinese characters)')
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must be one line of text'),
  idempotencyKey: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -'),
  restockItems: z
    .array(z.object({ productId: z.number().int().positive(), quantity: z.number().int().min(0).max(999) }))
    .max(50)
    .optional(),
  transactionId: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,64}$/, 'must be a WeChat transaction_id')
    .optional(),
});

export function POST(request: Request, { params }: { params: Promise<{ orderNo: string }> }) {
  return respond(async () => {
    const operator = await requireAdmin();
    const input = await parseJson(request, body);
    const refund = await createRefund({ ...input, orderNo: (await params).orderNo, requestedBy: operator.id });
    return refundResponse(refund, refund.repeated);
  });
}
