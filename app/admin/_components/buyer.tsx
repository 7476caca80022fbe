// Who bought an order: a shopper's account (linked to their orders), or a Native mode 1 guest, who
// bought from a product QR with WeChat alone and is shown by the last 4 characters of the openid.
import Link from 'next/link';

export function Buyer({ username, guestOpenidTail }: { username: string | null; guestOpenidTail: string | null }) {
  if (username) return <Link href={`/admin/orders?user=${encodeURIComponent(username)}`}>{username}</Link>;
  return (
    <span data-testid="wechat-guest">
      WeChat guest ···{guestOpenidTail} <span className="adm-badge adm-badge--info">product QR</span>
    </span>
  );
}
