// POST /api/session – sign in; DELETE /api/session – sign out (ends the session server-side).
import { credentialsSchema } from '@/lib/auth/credentials';
import { signIn } from '@/lib/auth/sign-in';
import { clientIp } from '@/app/_server/client-ip';
import { parseJson, respond } from '@/app/_server/http';
import { endSession, startSession } from '@/app/_server/session';

export function POST(request: Request) {
  return respond(async () => {
    const user = await signIn(await parseJson(request, credentialsSchema), clientIp(request));
    await startSession(user);
    return Response.json({ id: user.id, username: user.username, role: user.role });
  });
}

export async function DELETE() {
  await endSession();
  return new Response(null, { status: 204 });
}
