import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function NotFoundView() {
  const t = await getTranslations('notFound');
  return (
    <div className="empty" data-testid="not-found">
      <p className="empty__code">404</p>
      <h1>{t('title')}</h1>
      <p className="muted">{t('body')}</p>
      <Link href="/" className="button button--primary">
        {t('home')}
      </Link>
    </div>
  );
}
