// GET /api/admin/pay-logs – pay logs by order, verdict; keyset pagination.
import { z } from 'zod';
import { listPayLogs } from '@/lib/admin/list-pay-logs';
import { parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

const query = z.object({
  orderNo: z.string().max(64).optional(),
  verdict: z.enum(['applied', 'duplicate', 'rejected', 'anomaly', 'closed']).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export function GET(request: Request) {
  return respond(async () => {
    await requireAdmin();
    const filter = parseWith(query, Object.fromEntries(new URL(request.url).searchParams));
    return Response.json(await listPayLogs(filter));
  });
}
