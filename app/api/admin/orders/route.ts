// GET /api/admin/orders – orders by status, user, creation date; keyset pagination.
import { z } from 'zod';
import { listOrders } from '@/lib/admin/list-orders';
import { parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

const query = z.object({
  status: z.enum(['pending', 'paid', 'closed']).optional(),
  user: z.string().max(32).optional(),
  from: z.iso.date().or(z.iso.datetime({ offset: true })).transform((s) => new Date(s)).optional(),
  to: z.iso.date().or(z.iso.datetime({ offset: true })).transform((s) => new Date(s)).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export function GET(request: Request) {
  return respond(async () => {
    await requireAdmin();
    const filter = parseWith(query, Object.fromEntries(new URL(request.url).searchParams));
    return Response.json(await listOrders(filter));
  });
}
