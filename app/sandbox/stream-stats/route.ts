// GET /sandbox/stream-stats – how many event-stream watches this instance holds, so tests and the
// bench can see a stream's server side go away with its client. Sandbox mode only.
import { watchCount } from '@/lib/orders/status-events/listener';
import { sandboxRoute } from '@/lib/sandbox/http';

export const dynamic = 'force-dynamic';

export const GET = sandboxRoute(async () => Response.json({ watches: watchCount() }, { headers: { 'Cache-Control': 'no-store' } }));
