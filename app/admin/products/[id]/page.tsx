// /admin/products/{id} – edit a product's details, its available stock, its image; archive it.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { localizeProduct } from '@/lib/catalog/localize';
import { getProduct } from '@/lib/admin/list-products';
import { AppError } from '@/lib/errors';
import { ApiForm } from '../../_components/api-form';
import { Badge } from '../../_components/badge';
import { formatTime } from '../../_components/format';
import { requireAdminPage } from '../../_components/guard';
import { ProductFields } from '../product-fields';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.products'))('metaTitle') };
}

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const id = (await params).id;
  if (!/^[1-9]\d{0,8}$/.test(id)) notFound();
  const product = await getProduct(Number(id)).catch((err) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  const [locale, t] = await Promise.all([getLocale(), getTranslations('admin.products')]);
  const { name } = localizeProduct(product, locale);
  const endpoint = `/api/admin/products/${product.id}`;

  return (
    <>
      <p className="adm-back">
        <Link href="/admin/products">{t('back')}</Link>
      </p>
      <h1 className="adm-title">
        {name} {product.archivedAt && <Badge value="archived" />}
      </h1>
      {product.archivedAt ? (
        <p className="adm-muted">{t('archivedNote', { when: formatTime(product.archivedAt) })}</p>
      ) : (
        <p>
          <a href={`/products/${product.slug}`}>{t('viewInShop')}</a> · <Link href={`/admin/products/${product.id}/qr`}>{t('printQr')}</Link>
        </p>
      )}

      <div className="adm-columns">
        <section className="adm-card">
          <h2>{t('details')}</h2>
          <ApiForm endpoint={endpoint} method="PATCH" submitLabel={t('saveDetails')} testId="product-details">
            <ProductFields product={product} />
          </ApiForm>
          <p className="adm-muted">{t('keepNote')}</p>
        </section>
        <div>
          <section className="adm-card">
            <h2>{t('availableStock')}</h2>
            <p className="adm-muted">{t('stockNote')}</p>
            <ApiForm endpoint={endpoint} method="PATCH" submitLabel={t('setStock')} testId="product-stock">
              <input type="hidden" name="expectedStock" value={product.stock} />
              <label>
                {t('available')}
                <input name="stock" type="number" min={0} step={1} required defaultValue={product.stock} key={product.stock} />
              </label>
            </ApiForm>
          </section>
          <section className="adm-card">
            <h2>{t('image')}</h2>
            <img className="adm-image" src={product.imageUrl} alt={name} width={200} height={200} />
            <ApiForm endpoint={`${endpoint}/image`} multipart submitLabel={t('upload')} busyLabel={t('uploading')} resetOnSuccess testId="product-image">
              <label>
                {t('imageHint')}
                <input name="file" type="file" accept="image/png,image/jpeg,image/webp" required />
              </label>
            </ApiForm>
          </section>
          <section className="adm-card">
            <h2>{product.archivedAt ? t('restore') : t('archive')}</h2>
            <ApiForm
              endpoint={`${endpoint}/archive`}
              method={product.archivedAt ? 'DELETE' : 'POST'}
              submitLabel={product.archivedAt ? t('putBack') : t('archiveProduct')}
              danger={!product.archivedAt}
              testId="product-archive"
            />
          </section>
        </div>
      </div>
    </>
  );
}
