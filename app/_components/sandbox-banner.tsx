// The permanent notice that this instance takes sandbox payments only: on every shop page and every
// console page, so nobody mistakes sandbox money for real money. Nothing in live mode.
import { getEnv } from '@/lib/env';

export function SandboxBanner() {
  if (getEnv().WXPAY_MODE !== 'sandbox') return null;
  return (
    <div className="sandbox-banner" role="note" data-testid="sandbox-banner">
      <strong>SANDBOX</strong> — no real money. Payments go to the built-in WeChat Pay sandbox.
    </div>
  );
}
