// GET /products/{slug} – one product, with a quantity picker and Add to cart.
import type { Metadata } from 'next';
import Link from 'next/link';
import { formatFen } from '@/lib/money';
import { AddToCart } from '@/app/_components/add-to-cart';
import { loadProduct } from './load-product';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await loadProduct((await params).slug)).name };
}

export default async function ProductPage({ params }: Props) {
  const product = await loadProduct((await params).slug);

  const stockNote = product.stock <= 0 ? 'Out of stock' : product.stock <= 10 ? `Only ${product.stock} left` : `${product.stock} in stock`;

  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/">Shop</Link>
        {product.category && (
          <>
            <span aria-hidden="true">/</span>
            <span>{product.category}</span>
          </>
        )}
      </nav>
      <article className="product">
        <div className="product__image">
          <img src={product.imageUrl || '/products/placeholder.svg'} alt={product.name} width={400} height={400} />
        </div>
        <div className="product__info">
          <h1 className="product__name">{product.name}</h1>
          <p className="product__price">{formatFen(product.priceFen)}</p>
          <p className={product.stock <= 0 ? 'stock stock--out' : product.stock <= 10 ? 'stock stock--low' : 'stock'} data-testid="stock">
            {stockNote}
          </p>
          {product.description && <p className="product__description">{product.description}</p>}
          <AddToCart productId={product.id} stock={product.stock} />
        </div>
      </article>
    </>
  );
}
