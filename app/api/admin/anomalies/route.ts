// GET /api/admin/anomalies?status=open|resolved – anomalous and rejected pay logs with their resolution.
import { anomalyFilterSchema, queryInput } from '@/lib/admin/filters';
import { listAnomalies } from '@/lib/admin/anomalies';
import { parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

export function GET(request: Request) {
  return respond(async () => {
    await requireAdmin();
    const filter = parseWith(anomalyFilterSchema, queryInput(new URL(request.url).searchParams));
    return Response.json(await listAnomalies(filter));
  });
}
