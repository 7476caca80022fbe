// Who bought an order: a shopper's account (linked to their orders), or a Native mode 1 guest, who
// bought from a product QR with WeChat alone and is shown by the last 4 characters of the openid.
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function Buyer({ username, guestOpenidTail }: { username: string | null; guestOpenidTail: string | null }) {
  if (username) return <Link href={`/admin/orders?user=${encodeURIComponent(username)}`}>{username}</Link>;
  const t = await getTranslations('admin.buyer');
  return (
    <span data-testid="wechat-guest">
      {t('guest', { tail: guestOpenidTail ?? '' })} <span className="adm-badge adm-badge--info">{t('productQr')}</span>
    </span>
  );
}
