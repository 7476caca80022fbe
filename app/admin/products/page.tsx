// /admin/products – the catalogue as the merchant manages it: every product, archived ones last,
// and a form for a new one.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { localizeProduct } from '@/lib/catalog/localize';
import { listAllProducts } from '@/lib/admin/list-products';
import { formatFen } from '@/lib/money';
import { ApiForm } from '../_components/api-form';
import { Badge } from '../_components/badge';
import { requireAdminPage } from '../_components/guard';
import { ProductFields } from './product-fields';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.products'))('title') };
}

export default async function ProductsPage() {
  await requireAdminPage();
  const [rows, locale, t] = await Promise.all([listAllProducts(), getLocale(), getTranslations('admin.products')]);
  const products = rows.map((p) => localizeProduct(p, locale));
  return (
    <>
      <h1 className="adm-title">
        {t('title')}{' '}
        <a href="#new-product" className="adm-button">
          {t('new')}
        </a>
      </h1>
      <div className="adm-table-wrap">
        <table className="adm-table" data-testid="product-table">
          <thead>
            <tr>
              <th />
              <th>{t('name')}</th>
              <th>{t('category')}</th>
              <th className="adm-num">{t('price')}</th>
              <th className="adm-num">{t('available')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {products.map((p) => (
              <tr key={p.id} className={p.archivedAt ? 'adm-row--archived' : undefined}>
                <td>
                  <img className="adm-thumb" src={p.imageUrl} alt="" width={40} height={40} />
                </td>
                <td>
                  <Link href={`/admin/products/${p.id}`}>{p.name}</Link> <span className="adm-muted adm-mono">{p.slug}</span>
                </td>
                <td>{p.category}</td>
                <td className="adm-num">{formatFen(p.priceFen)}</td>
                <td className="adm-num">{p.stock}</td>
                <td>{p.archivedAt && <Badge value="archived" />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="adm-subtitle" id="new-product">
        {t('new')}
      </h2>
      <ApiForm endpoint="/api/admin/products" submitLabel={t('create')} busyLabel={t('creating')} redirectTo="/admin/products/{id}" testId="new-product">
        <ProductFields />
        <label>
          {t('availableStock')}
          <input name="stock" type="number" min={0} step={1} required defaultValue={0} />
        </label>
      </ApiForm>
    </>
  );
}
