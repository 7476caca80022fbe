// /admin/products/{id}/qr – the product's printable Native mode 1 poster: its permanent QR, name and
// price, and the QR's URL as text (operators paste it into other print tools). A4 or shelf-label size;
// printing shows the poster alone (admin.css, @page).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { QRCodeSVG } from 'qrcode.react';
import { getProduct } from '@/lib/admin/list-products';
import { productQrUrl } from '@/lib/catalog/product-qr';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { formatFen } from '@/lib/money';
import { requireAdminPage } from '../../../_components/guard';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.products.qr'))('title') };
}

// Each size's name is admin.products.qr.sizes.<key>.
const SIZES = { a4: { qr: 360 }, label: { qr: 170 } } as const;

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ProductQrPage({ params, searchParams }: Props) {
  await requireAdminPage();
  const id = (await params).id;
  const requested = (await searchParams).size;
  const size = requested === 'label' ? 'label' : 'a4';
  if (!/^[1-9]\d{0,8}$/.test(id)) notFound();
  const product = await getProduct(Number(id)).catch((err) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  const url = productQrUrl(product.id);
  const t = await getTranslations('admin.products.qr');

  return (
    <>
      <div className="poster-toolbar">
        <p className="adm-back">
          <Link href={`/admin/products/${product.id}`}>« {product.name}</Link>
        </p>
        <h1 className="adm-title">{t('title')}</h1>
        <p>
          {t('size')}{' '}
          {(Object.keys(SIZES) as (keyof typeof SIZES)[]).map((key) => (
            <span key={key}>{key === size ? <strong>{t(`sizes.${key}`)}</strong> : <Link href={`?size=${key}`}>{t(`sizes.${key}`)}</Link>} </span>
          ))}
          {t('print')}
        </p>
        {product.archivedAt && <p className="adm-muted">{t('archived')}</p>}
        <p className="adm-muted">{t.rich('callback', { url: getEnv().WXPAY_NATIVE_CALLBACK_URL, code: (chunks) => <code>{chunks}</code> })}</p>
      </div>
      <article className={`poster poster--${size}`} data-testid="product-poster">
        <h2 className="poster__name">{product.name}</h2>
        <p className="poster__price">{formatFen(product.priceFen)}</p>
        <QRCodeSVG value={url} size={SIZES[size].qr} level="M" marginSize={2} role="img" aria-label={t('qrAria', { name: product.name })} />
        <p className="poster__call">{t('call')}</p>
        <p className="poster__url" data-testid="poster-url">
          {url}
        </p>
      </article>
    </>
  );
}
