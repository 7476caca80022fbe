// /admin/products – the catalogue as the merchant manages it: every product, archived ones last,
// and a form for a new one.
import type { Metadata } from 'next';
import Link from 'next/link';
import { listAllProducts } from '@/lib/admin/list-products';
import { formatFen } from '@/lib/money';
import { ApiForm } from '../_components/api-form';
import { Badge } from '../_components/badge';
import { requireAdminPage } from '../_components/guard';
import { ProductFields } from './product-fields';

export const metadata: Metadata = { title: 'Products' };

export default async function ProductsPage() {
  await requireAdminPage();
  const products = await listAllProducts();
  return (
    <>
      <h1 className="adm-title">
        Products{' '}
        <a href="#new-product" className="adm-button">
          New product
        </a>
      </h1>
      <div className="adm-table-wrap">
        <table className="adm-table" data-testid="product-table">
          <thead>
            <tr>
              <th />
              <th>Name</th>
              <th>Category</th>
              <th className="adm-num">Price</th>
              <th className="adm-num">Available</th>
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
        New product
      </h2>
      <ApiForm endpoint="/api/admin/products" submitLabel="Create product" busyLabel="Creating…" redirectTo="/admin/products/{id}" testId="new-product">
        <ProductFields />
        <label>
          Available stock
          <input name="stock" type="number" min={0} step={1} required defaultValue={0} />
        </label>
      </ApiForm>
    </>
  );
}
