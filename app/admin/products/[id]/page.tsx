// /admin/products/{id} – edit a product's details, its available stock, its image; archive it.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getProduct } from '@/lib/admin/list-products';
import { AppError } from '@/lib/errors';
import { ApiForm } from '../../_components/api-form';
import { Badge } from '../../_components/badge';
import { formatTime } from '../../_components/format';
import { requireAdminPage } from '../../_components/guard';
import { ProductFields } from '../product-fields';

export const metadata: Metadata = { title: 'Product' };

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const id = (await params).id;
  if (!/^[1-9]\d{0,8}$/.test(id)) notFound();
  const product = await getProduct(Number(id)).catch((err) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  const endpoint = `/api/admin/products/${product.id}`;

  return (
    <>
      <p className="adm-back">
        <Link href="/admin/products">« Products</Link>
      </p>
      <h1 className="adm-title">
        {product.name} {product.archivedAt && <Badge value="archived" />}
      </h1>
      {product.archivedAt ? (
        <p className="adm-muted">Archived {formatTime(product.archivedAt)}: not in the shop and not for sale; orders that bought it still show it.</p>
      ) : (
        <p>
          <a href={`/products/${product.slug}`}>View in the shop</a> · <Link href={`/admin/products/${product.id}/qr`}>Print a product QR poster</Link>
        </p>
      )}

      <div className="adm-columns">
        <section className="adm-card">
          <h2>Details</h2>
          <ApiForm endpoint={endpoint} method="PATCH" submitLabel="Save details" testId="product-details">
            <ProductFields product={product} />
          </ApiForm>
          <p className="adm-muted">Placed orders keep the name and price they were bought at.</p>
        </section>
        <div>
          <section className="adm-card">
            <h2>Available stock</h2>
            <p className="adm-muted">What can still be bought. Units held by unpaid orders are already taken off, and come back if those orders close.</p>
            <ApiForm endpoint={endpoint} method="PATCH" submitLabel="Set stock" testId="product-stock">
              <input type="hidden" name="expectedStock" value={product.stock} />
              <label>
                Available
                <input name="stock" type="number" min={0} step={1} required defaultValue={product.stock} key={product.stock} />
              </label>
            </ApiForm>
          </section>
          <section className="adm-card">
            <h2>Image</h2>
            <img className="adm-image" src={product.imageUrl} alt={product.name} width={200} height={200} />
            <ApiForm endpoint={`${endpoint}/image`} multipart submitLabel="Upload" busyLabel="Uploading…" resetOnSuccess testId="product-image">
              <label>
                PNG, JPEG or WebP, at most 2 MB
                <input name="file" type="file" accept="image/png,image/jpeg,image/webp" required />
              </label>
            </ApiForm>
          </section>
          <section className="adm-card">
            <h2>{product.archivedAt ? 'Restore' : 'Archive'}</h2>
            <ApiForm
              endpoint={`${endpoint}/archive`}
              method={product.archivedAt ? 'DELETE' : 'POST'}
              submitLabel={product.archivedAt ? 'Put back in the shop' : 'Archive product'}
              danger={!product.archivedAt}
              testId="product-archive"
            />
          </section>
        </div>
      </div>
    </>
  );
}
