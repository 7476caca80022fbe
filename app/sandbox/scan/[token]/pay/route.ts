// POST /sandbox/scan/<token>/pay – the simulated WeChat user pays, JSON {"result"?: "SUCCESS"|"PAYERROR"}.
// 200 {ok, outTradeNo, transactionId | tradeState}; 409 {error} when the order cannot be paid; 400 on a bad body.
import { readJson, sandboxRoute } from '@/lib/sandbox/http';
import { payByToken } from '@/lib/sandbox/pay-order';

export const POST = sandboxRoute(async (request: Request, { params }: { params: Promise<{ token: string }> }) => {
  const body = await readJson(request);
  if (!body.ok) return Response.json({ error: body.error }, { status: 400 });
  const outcome = await payByToken((await params).token, body.value);
  return outcome.ok ? Response.json(outcome) : Response.json({ error: outcome.error }, { status: outcome.status });
});
