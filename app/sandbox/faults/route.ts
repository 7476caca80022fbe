// /sandbox/faults – the sandbox's fault knobs, per out_trade_no or global (product.md, "Fault knobs").
// GET lists them, POST sets one scope's (JSON; 400 {error} when invalid), DELETE clears them all.
import { clearFaults, listFaults, setFaults } from '@/lib/sandbox/faults';
import { readJson, sandboxRoute } from '@/lib/sandbox/http';

export const GET = sandboxRoute(async () => Response.json({ faults: await listFaults() }));

export const POST = sandboxRoute(async (request: Request) => {
  const body = await readJson(request);
  const outcome = body.ok ? await setFaults(body.value) : body;
  return outcome.ok ? Response.json({ faults: outcome.faults }) : Response.json({ error: outcome.error }, { status: 400 });
});

export const DELETE = sandboxRoute(async () => {
  await clearFaults();
  return Response.json({ faults: [] });
});
