// GET /products/{slug} – one product, with a quantity picker and Add to cart.
import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { pickMessages } from '@/lib/i18n/messages';
import { formatFen } from '@/lib/money';
import { AddToCart } from '@/app/_components/add-to-cart';
import { categoryNamer } from '@/app/_components/category';
import { loadProduct } from './load-product';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await loadProduct((await params).slug)).name };
}

export default async function ProductPage({ params }: Props) {
  const [product, t, chrome, messages, categoryName] = await Promise.all([
    loadProduct((await params).slug),
    getTranslations('product'),
    getTranslations('chrome'),
    getMessages(),
    categoryNamer(),
  ]);

  const stockNote =
    product.stock <= 0 ? t('outOfStock') : product.stock <= 10 ? t('onlyLeft', { count: product.stock }) : t('inStock', { count: product.stock });

  return (
    <>
      <nav className="breadcrumb" aria-label={t('breadcrumb')}>
        <Link href="/">{chrome('shop')}</Link>
        {product.category && (
          <>
            <span aria-hidden="true">/</span>
            <span>{categoryName(product.category)}</span>
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
          <NextIntlClientProvider messages={pickMessages(messages, ['product'])}>
            <AddToCart productId={product.id} stock={product.stock} />
          </NextIntlClientProvider>
        </div>
      </article>
    </>
  );
}
