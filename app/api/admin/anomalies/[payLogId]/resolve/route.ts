// POST /api/admin/anomalies/{payLogId}/resolve – JSON {note}: records who resolved it, when and why.
// 201; 404 when the pay log is not an anomaly or rejected message; 409 when already resolved.
import { z } from 'zod';
import { resolveAnomaly } from '@/lib/admin/anomalies';
import { idParam, resolveAnomalySchema } from '@/lib/admin/filters';
import { parseJson, parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

export function POST(request: Request, { params }: { params: Promise<{ payLogId: string }> }) {
  return respond(async () => {
    const operator = await requireAdmin();
    const { payLogId } = parseWith(z.object({ payLogId: idParam }), await params);
    const { note } = await parseJson(request, resolveAnomalySchema);
    return Response.json(await resolveAnomaly(payLogId, operator.id, note), { status: 201 });
  });
}
