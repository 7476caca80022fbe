// Placeholders shown by loading.tsx files while a page's data is read.
import { getTranslations } from 'next-intl/server';

export async function GridSkeleton({ count = 8 }: { count?: number }) {
  const t = await getTranslations('loading');
  return (
    <div aria-busy="true" aria-label={t('label')}>
      <div className="skeleton skeleton--title" />
      <ul className="product-grid">
        {Array.from({ length: count }, (_, i) => (
          <li key={i}>
            <div className="product-card product-card--skeleton">
              <div className="product-card__image skeleton" />
              <div className="product-card__body">
                <div className="skeleton skeleton--line" />
                <div className="skeleton skeleton--line skeleton--short" />
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export async function PanelSkeleton({ label }: { label?: string }) {
  const t = await getTranslations('loading');
  return (
    <div aria-busy="true">
      <div className="skeleton skeleton--title" />
      <div className="panel">
        <p className="muted">
          <span className="spinner" aria-hidden="true" /> {label ?? t('default')}
        </p>
        <div className="skeleton skeleton--line" />
        <div className="skeleton skeleton--line" />
        <div className="skeleton skeleton--line skeleton--short" />
      </div>
    </div>
  );
}
