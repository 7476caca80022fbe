// POST /api/users – sign up; answers 201 with the session cookie set.
import { credentialsSchema } from '@/lib/auth/credentials';
import { signUp } from '@/lib/auth/sign-up';
import { clientIp } from '@/app/_server/client-ip';
import { parseJson, respond } from '@/app/_server/http';
import { startSession } from '@/app/_server/session';

export function POST(request: Request) {
  return respond(async () => {
    const user = await signUp(await parseJson(request, credentialsSchema), clientIp(request));
    await startSession(user);
    return Response.json({ id: user.id, username: user.username, role: user.role }, { status: 201 });
  });
}
