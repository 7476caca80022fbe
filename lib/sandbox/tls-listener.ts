// The sandbox's /secapi/ front end (product.md, "Refunds", Sandbox): an HTTPS listener that asks
// every client for a certificate and answers as WeChat's does — no certificate or one the sandbox
// CA did not issue: HTTP 400 before any API runs; another merchant's: `certificate not match`.
// The request itself is answered in-process by the same sandbox code as the plain-HTTP endpoints.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { SandboxCertificateFiles } from '@/lib/env';
import { MAX_XML_BYTES } from '@/lib/wechatpay';
import { answerXml, protocolFail, type V2Handler } from './envelope';
import { CERTIFICATE_ERROR, frontEndPage, NO_CERTIFICATE } from './front-end-pages';
import { refundOrder } from './refund-order';
import { sandboxLog } from '@/lib/log';

const SECAPI: Record<string, V2Handler> = {
  '/sandbox/secapi/pay/refund': refundOrder,
};

/** Listens on 127.0.0.1:port; resolves once listening, rejects if the port cannot be had. */
export function startTlsListener(port: number, files: SandboxCertificateFiles): Promise<Server> {
  const server = createServer(
    {
      cert: readFileSync(files.serverCert),
      key: readFileSync(files.serverKey),
      ca: readFileSync(files.ca),
      // Ask for a certificate but let the handshake finish without one, so the refusal is an HTTP
      // page as at WeChat, not a TLS alert the caller cannot tell from a network failure.
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      handle(req, res).catch((err) => {
        sandboxLog.error({ err }, 'secapi request failed');
        if (!res.headersSent) send(res, 500, 'text/plain', 'Internal Server Error');
        else res.destroy();
      });
    },
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      // Never what keeps the process alive: the shop's own server does that.
      server.unref();
      resolve(server);
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const socket = req.socket as TLSSocket;
  const peer = socket.getPeerCertificate();
  if (!peer || Object.keys(peer).length === 0) return send(res, 400, 'text/html', frontEndPage(NO_CERTIFICATE));
  if (!socket.authorized) return send(res, 400, 'text/html', frontEndPage(CERTIFICATE_ERROR));

  const handler = SECAPI[new URL(req.url ?? '/', 'https://127.0.0.1').pathname];
  if (!handler) return send(res, 404, 'text/plain', 'Not Found');
  const xml = (text: string) => send(res, 200, 'text/xml; charset=utf-8', text);
  if (req.method !== 'POST') return xml(protocolFail('请使用post方法'));
  const body = await readBody(req);
  if (body === undefined) return xml(protocolFail('XML格式错误'));
  // WeChat's merchant certificates name their mch_id as CN.
  const certificateMchId = peer.subject?.CN;
  return xml(await answerXml(body, handler, (mchId) => (mchId === certificateMchId ? undefined : 'certificate not match')));
}

/** The body as UTF-8, or undefined once it passes MAX_XML_BYTES (the rest is not read). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_XML_BYTES) {
        req.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
