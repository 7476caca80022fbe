// GET /api/admin/pay-logs – pay logs by order, trade state, verdict, shopper and date; keyset
// pagination; format=csv streams every matching row (cursor and limit do not apply) as a download.
import { payLogFilterSchema, queryInput } from '@/lib/admin/filters';
import { listPayLogs } from '@/lib/admin/list-pay-logs';
import { payLogsCsv } from '@/lib/admin/pay-logs-csv';
import { parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

export function GET(request: Request) {
  return respond(async () => {
    await requireAdmin();
    const { format, ...filter } = parseWith(payLogFilterSchema, queryInput(new URL(request.url).searchParams));
    if (format === 'json') return Response.json(await listPayLogs(filter));
    const { cursor: _, limit: __, ...all } = filter;
    const stamp = new Date().toISOString().slice(0, 19).replace(/\D/g, '');
    return new Response(payLogsCsv(all), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="pay-logs-${stamp}.csv"`,
        'cache-control': 'no-store',
      },
    });
  });
}
