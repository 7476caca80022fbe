// The sandbox's side of a server instance in sandbox mode (instrumentation.ts calls it after the
// shop has started): its certificates, the notify worker, the TLS listener for /secapi/.
import type { Env } from '@/lib/env';
import { ensureSandboxCertificates } from './certificates';
import { startNotifyWorker } from './notify-worker';
import { startTlsListener } from './tls-listener';
import { sandboxLog } from '@/lib/log';

// On globalThis, like the notify worker, so a second register() in one process starts nothing twice.
const holder = globalThis as unknown as { __sandboxStarted?: boolean };

export async function startSandbox(env: Env): Promise<void> {
  if (holder.__sandboxStarted) return;
  holder.__sandboxStarted = true;
  const files = ensureSandboxCertificates(env.DATA_DIR, env.WXPAY_MCH_ID);
  startNotifyWorker();
  const port = env.WXPAY_SANDBOX_TLS_PORT;
  try {
    await startTlsListener(port, files);
  } catch (err) {
    sandboxLog.error({ err }, `the TLS listener cannot listen on 127.0.0.1:${port}; set WXPAY_SANDBOX_TLS_PORT to a free port`);
    process.exit(1);
  }
  const lines = [
    `  sandbox secapi  https://127.0.0.1:${port}/sandbox/secapi/pay/refund (merchant certificate required)`,
    `  sandbox CA      ${files.ca} (the shop trusts it for the secapi URL)`,
    `  merchant cert   ${files.merchantDir}: apiclient_cert.pem + apiclient_key.pem,`,
    `                  apiclient_cert.p12 (passphrase: the mch_id ${env.WXPAY_MCH_ID})`,
  ];
  console.log(`${lines.join('\n')}\n`);
}
