// The fields a product is described by, for the new-product and edit forms: name and description
// in both languages (Chinese required; a blank English text shows the Chinese one).
import { getTranslations } from 'next-intl/server';
import type { AdminProduct } from '@/lib/admin/list-products';
import { fenToYuan } from '@/lib/money';

export async function ProductFields({ product }: { product?: AdminProduct }) {
  const t = await getTranslations('admin.products');
  return (
    <>
      <label>
        {t('nameZh')}
        <input name="nameZh" lang="zh-CN" required maxLength={100} defaultValue={product?.nameZh} />
      </label>
      <label>
        {t('nameEn')}
        <input name="nameEn" lang="en" maxLength={100} defaultValue={product?.nameEn} placeholder={t('englishHint')} />
      </label>
      <label>
        {t('slug')}
        <input
          name="slug"
          maxLength={80}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          defaultValue={product?.slug}
          placeholder={product ? undefined : t('slugPlaceholder')}
        />
      </label>
      <label>
        {t('category')}
        <input name="category" maxLength={50} defaultValue={product?.category} />
      </label>
      <label>
        {t('priceYuan')}
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
        {t('maxPerOrder')}
        <input name="maxPerOrder" type="number" min={1} max={99} step={1} required defaultValue={product?.maxPerOrder ?? 10} />
      </label>
      <label className="adm-wide">
        {t('descriptionZh')}
        <textarea name="descriptionZh" lang="zh-CN" rows={3} maxLength={2000} defaultValue={product?.descriptionZh} />
      </label>
      <label className="adm-wide">
        {t('descriptionEn')}
        <textarea name="descriptionEn" lang="en" rows={3} maxLength={2000} defaultValue={product?.descriptionEn} placeholder={t('englishHint')} />
      </label>
    </>
  );
}
