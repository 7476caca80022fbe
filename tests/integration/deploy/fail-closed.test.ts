// A configuration that could sell for free or mix sandbox and real money stops the server process
// at start, with the variable's name in its output, before it serves a single request.
import { describe, expect, it } from 'vitest';
import { freePort, startAppServer } from '../../support/app-server';

async function refusal(env: Record<string, string>): Promise<string> {
  const started = await startAppServer({ port: await freePort(), name: 'fail-closed', env }).then(
    async (server) => {
      await server.stop();
      return 'started';
    },
    (err: Error) => err.message,
  );
  return started;
}

describe('the server refuses to start', () => {
  it('with merchant credentials and WXPAY_MODE unset, naming WXPAY_MODE', async () => {
    // The suite's credentials, with the mode left empty as a .env line `WXPAY_MODE=` would.
    const output = await refusal({ WXPAY_MODE: '' });
    expect(output).toMatch(/next start exited with code 1/);
    expect(output).toMatch(/WXPAY_MODE: must be set .* because WXPAY_APPID, WXPAY_MCH_ID, WXPAY_KEY is set/);
  }, 120_000);

  it('in sandbox mode with WXPAY_BASE_URL at WeChat Pay, naming WXPAY_BASE_URL', async () => {
    const output = await refusal({ WXPAY_MODE: 'sandbox', WXPAY_BASE_URL: 'https://api2.mch.weixin.qq.com' });
    expect(output).toMatch(/next start exited with code 1/);
    expect(output).toMatch(/WXPAY_BASE_URL: api2\.mch\.weixin\.qq\.com is WeChat Pay itself/);
  }, 120_000);
});
