// GET /api/admin/orders – orders by status, shopper, creation date (local days in REPORT_TZ);
// keyset pagination.
import { orderFilterSchema, queryInput } from '@/lib/admin/filters';
import { listOrders } from '@/lib/admin/list-orders';
import { parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

export function GET(request: Request) {
  return respond(async () => {
    await requireAdmin();
    const filter = parseWith(orderFilterSchema, queryInput(new URL(request.url).searchParams));
    return Response.json(await listOrders(filter));
  });
}
