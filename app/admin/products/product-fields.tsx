// The fields a product is described by, for the new-product and edit forms.
import type { AdminProduct } from '@/lib/admin/list-products';
import { fenToYuan } from '@/lib/money';

export function ProductFields({ product }: { product?: AdminProduct }) {
  return (
    <>
      <label>
        Name
        <input name="name" required maxLength={100} defaultValue={product?.name} />
      </label>
      <label>
        Slug (in the product&apos;s address)
        <input
          name="slug"
          maxLength={80}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          defaultValue={product?.slug}
          placeholder={product ? undefined : 'made from the name if blank'}
        />
      </label>
      <label>
        Category
        <input name="category" maxLength={50} defaultValue={product?.category} />
      </label>
      <label>
        Price (¥)
        <input
          name="price"
          required
          inputMode="decimal"
          pattern="\d{1,7}(\.\d{1,2})?"
          placeholder="68.00"
          defaultValue={product && fenToYuan(product.priceFen)}
        />
      </label>
      <label>
        Most per order
        <input name="maxPerOrder" type="number" min={1} max={99} step={1} required defaultValue={product?.maxPerOrder ?? 10} />
      </label>
      <label className="adm-wide">
        Description
        <textarea name="description" rows={3} maxLength={2000} defaultValue={product?.description} />
      </label>
    </>
  );
}
