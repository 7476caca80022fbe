// GET /api/health – liveness for load balancers and the test harness; no database round trip.
export function GET() {
  return Response.json({ ok: true });
}
