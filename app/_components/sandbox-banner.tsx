// The permanent notice that this instance takes sandbox payments only: on every shop page and every
// console page, so nobody mistakes sandbox money for real money. Nothing in live mode.
import { getTranslations } from 'next-intl/server';
import { getEnv } from '@/lib/env';

export async function SandboxBanner() {
  if (getEnv().WXPAY_MODE !== 'sandbox') return null;
  const t = await getTranslations('chrome');
  return (
    <div className="sandbox-banner" role="note" data-testid="sandbox-banner">
      <strong>{t('sandboxTag')}</strong>
      {t('sandboxNote')}
    </div>
  );
}
