// GET /api/admin/reports/revenue – paid orders and revenue per day | month | quarter in REPORT_TZ,
// over a bounded range (lib/admin/revenue-range.ts): beyond the bounds a 400 before any query.
import { queryInput, revenueQuerySchema } from '@/lib/admin/filters';
import { revenueReport } from '@/lib/admin/revenue-report';
import { parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

export function GET(request: Request) {
  return respond(async () => {
    await requireAdmin();
    const query = parseWith(revenueQuerySchema, queryInput(new URL(request.url).searchParams));
    return Response.json(await revenueReport(query));
  });
}
