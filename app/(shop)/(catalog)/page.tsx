// GET / – the catalogue, grouped by category.
import Link from 'next/link';
import { connection } from 'next/server';
import { listProducts, type CatalogProduct } from '@/lib/catalog/products';
import { formatFen } from '@/lib/money';

export default async function CatalogPage() {
  await connection(); // live stock: never prerendered
  const products = await listProducts();
  const categories = groupByCategory(products);

  return (
    <>
      <section className="hero">
        <h1>Tea, cups and small things for the desk</h1>
        <p className="muted">Pick what you like, check out, and pay by scanning a QR code with WeChat.</p>
        {categories.length > 1 && (
          <nav className="chips" aria-label="Categories">
            {categories.map(([category]) => (
              <a key={category} href={`#${anchor(category)}`} className="chip">
                {category}
              </a>
            ))}
          </nav>
        )}
      </section>

      {categories.length === 0 && (
        <div className="empty">
          <p>Nothing for sale yet.</p>
        </div>
      )}

      {categories.map(([category, items]) => (
        <section key={category} className="category" aria-labelledby={anchor(category)}>
          <h2 id={anchor(category)} className="category__title">
            {category}
          </h2>
          <ul className="product-grid">
            {items.map((p) => (
              <li key={p.id}>
                <ProductCard product={p} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function ProductCard({ product }: { product: CatalogProduct }) {
  const soldOut = product.stock <= 0;
  return (
    <Link href={`/products/${product.slug}`} className="product-card" data-testid={`product-card-${product.slug}`}>
      <div className="product-card__image">
        <img src={product.imageUrl || '/products/placeholder.svg'} alt="" width={400} height={400} loading="lazy" />
        {soldOut && <span className="badge badge--muted product-card__flag">Out of stock</span>}
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
    const key = p.category || 'More';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups];
}

function anchor(category: string): string {
  return `category-${category
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}
