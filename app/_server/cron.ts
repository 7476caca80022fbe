// Vercel Cron (and any scheduler) authenticates with `Authorization: Bearer $CRON_SECRET`;
// Vercel adds that header itself when CRON_SECRET is set in the project.
import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { getEnv } from '@/lib/env';

export function withCron(handler: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    if (!authorized(request.headers.get('authorization'))) {
      return Response.json({ error: 'Unauthorized' }, { status: 401 });
    }
    return handler(request);
  };
}

function authorized(header: string | null): boolean {
  // Hashing both sides gives equal lengths, so the comparison time reveals nothing.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(header ?? ''), digest(`Bearer ${getEnv().CRON_SECRET}`));
}
