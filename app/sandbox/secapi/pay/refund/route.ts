// /sandbox/secapi/pay/refund over plain HTTP – no client certificate can arrive here, so this answers
// as WeChat's front end does without one. The endpoint itself is the sandbox's TLS listener
// (WXPAY_SANDBOX_TLS_PORT, lib/sandbox/tls-listener.ts), which the shop reaches at WXPAY_SECAPI_BASE_URL.
import { frontEndPage, NO_CERTIFICATE } from '@/lib/sandbox/front-end-pages';
import { sandboxRoute } from '@/lib/sandbox/http';

const answer = sandboxRoute(async () => new Response(frontEndPage(NO_CERTIFICATE), { status: 400, headers: { 'Content-Type': 'text/html' } }));

export const POST = answer;
export const GET = answer;
