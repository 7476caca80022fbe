// GET /api/admin/refunds – refunds by status, order and date; keyset pagination; format=csv streams
// every matching row (cursor and limit do not apply) as a download.
import { queryInput, refundFilterSchema } from '@/lib/admin/filters';
import { listRefunds, refundsCsv } from '@/lib/refunds/list-refunds';
import { parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

export function GET(request: Request) {
  return respond(async () => {
    await requireAdmin();
    const { format, ...filter } = parseWith(refundFilterSchema, queryInput(new URL(request.url).searchParams));
    if (format === 'json') return Response.json(await listRefunds(filter));
    const { cursor: _, limit: __, ...all } = filter;
    const stamp = new Date().toISOString().slice(0, 19).replace(/\D/g, '');
    return new Response(refundsCsv(all), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="refunds-${stamp}.csv"`,
        'cache-control': 'no-store',
      },
    });
  });
}
