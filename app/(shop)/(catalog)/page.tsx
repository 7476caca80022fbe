// GET / – the catalogue, grouped by category.
import Link from 'next/link';
import { connection } from 'next/server';
import { getLocale, getTranslations } from 'next-intl/server';
import { listProducts, type CatalogProduct } from '@/lib/catalog/products';
import { formatFen } from '@/lib/money';
import { categoryNamer, categorySlug } from '@/app/_components/category';

export default async function CatalogPage() {
  await connection(); // live stock: never prerendered
  const [locale, t, categoryName] = await Promise.all([getLocale(), getTranslations('catalog'), categoryNamer()]);
  const products = await listProducts(locale);
  const categories = groupByCategory(products);

  return (
    <>
      <section className="hero">
        <h1>{t('heroTitle')}</h1>
        <p className="muted">{t('heroText')}</p>
        {categories.length > 1 && (
          <nav className="chips" aria-label={t('categories')}>
            {categories.map(([category]) => (
              <a key={category} href={`#${anchor(category)}`} className="chip">
                {categoryName(category)}
              </a>
            ))}
          </nav>
        )}
      </section>

      {categories.length === 0 && (
        <div className="empty">
          <p>{t('empty')}</p>
        </div>
      )}

      {categories.map(([category, items]) => (
        <section key={category} className="category" aria-labelledby={anchor(category)}>
          <h2 id={anchor(category)} className="category__title">
            {categoryName(category)}
          </h2>
          <ul className="product-grid">
            {items.map((p) => (
              <li key={p.id}>
                <ProductCard product={p} outOfStock={t('outOfStock')} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function ProductCard({ product, outOfStock }: { product: CatalogProduct; outOfStock: string }) {
  const soldOut = product.stock <= 0;
  return (
    <Link href={`/products/${product.slug}`} className="product-card" data-testid={`product-card-${product.slug}`}>
      <div className="product-card__image">
        <img src={product.imageUrl || '/products/placeholder.svg'} alt="" width={400} height={400} loading="lazy" />
        {soldOut && <span className="badge badge--muted product-card__flag">{outOfStock}</span>}
      </div>
      <div className="product-card__body">
        <h3 className="product-card__name">{product.name}</h3>
        <p className="product-card__price">{formatFen(product.priceFen)}</p>
      </div>
    </Link>
  );
}

// Categories in the order the shop first stocked them (the oldest product id), so Tea leads.
function groupByCategory(products: CatalogProduct[]): [string, CatalogProduct[]][] {
  const groups = new Map<string, CatalogProduct[]>();
  for (const p of [...products].sort((a, b) => a.id - b.id)) {
    const key = p.category;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups];
}

function anchor(category: string): string {
  return `category-${categorySlug(category) || 'more'}`;
}
