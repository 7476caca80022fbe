// /admin/products/{id}/qr – the product's printable Native mode 1 poster: its permanent QR, name and
// price, and the QR's URL as text (operators paste it into other print tools). A4 or shelf-label size;
// printing shows the poster alone (admin.css, @page).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { QRCodeSVG } from 'qrcode.react';
import { getProduct } from '@/lib/admin/list-products';
import { productQrUrl } from '@/lib/catalog/product-qr';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { formatFen } from '@/lib/money';
import { requireAdminPage } from '../../../_components/guard';

export const metadata: Metadata = { title: 'Product QR poster' };

const SIZES = { a4: { label: 'A4 poster', qr: 360 }, label: { label: 'Shelf label (62 × 100 mm)', qr: 170 } } as const;

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

  return (
    <>
      <div className="poster-toolbar">
        <p className="adm-back">
          <Link href={`/admin/products/${product.id}`}>« {product.name}</Link>
        </p>
        <h1 className="adm-title">Product QR poster</h1>
        <p>
          Size:{' '}
          {Object.entries(SIZES).map(([key, s]) => (
            <span key={key}>{key === size ? <strong>{s.label}</strong> : <Link href={`?size=${key}`}>{s.label}</Link>} </span>
          ))}
          · print with your browser (Ctrl+P / ⌘P).
        </p>
        {product.archivedAt && <p className="adm-muted">This product is archived: a scan of this QR is answered 商品已下架.</p>}
        <p className="adm-muted">
          WeChat calls <code>{getEnv().WXPAY_NATIVE_CALLBACK_URL}</code> when this QR is scanned (set it in the merchant platform: 产品中心 → 开发配置 →
          扫码支付).
        </p>
      </div>
      <article className={`poster poster--${size}`} data-testid="product-poster">
        <h2 className="poster__name">{product.name}</h2>
        <p className="poster__price">{formatFen(product.priceFen)}</p>
        <QRCodeSVG value={url} size={SIZES[size].qr} level="M" marginSize={2} role="img" aria-label={`WeChat Pay QR for ${product.name}`} />
        <p className="poster__call">微信扫一扫 购买</p>
        <p className="poster__url" data-testid="poster-url">
          {url}
        </p>
      </article>
    </>
  );
}
