// The console's list filters: a GET form whose fields start from the page's query, so a filtered
// page can be bookmarked and the pager keeps the filter. Dates are typed and shown as ISO
// (yyyy-mm-dd) whatever the browser's locale: a text field, as <input type="date"> would show
// mm/dd/yyyy in an en-US browser.
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';

export async function FilterForm({
  testId,
  submitLabel,
  clearHref,
  children,
}: {
  testId: string;
  submitLabel?: string;
  clearHref?: string;
  children: ReactNode;
}) {
  const t = await getTranslations('admin.filters');
  return (
    <form className="adm-filters" method="get" data-testid={testId}>
      {children}
      <button type="submit" className="adm-button adm-button--primary">
        {submitLabel ?? t('filter')}
      </button>
      {clearHref && <Link href={clearHref}>{t('clear')}</Link>}
    </form>
  );
}

/** A choice of `options` (shown as `optionLabel` says); with `any`, a blank first choice that filters on nothing. */
export async function SelectFilter({
  label,
  name,
  value,
  options,
  optionLabel = (o) => o,
  any = true,
}: {
  label: string;
  name: string;
  value?: string;
  options: readonly string[];
  optionLabel?: (option: string) => string;
  any?: boolean;
}) {
  const t = await getTranslations('admin.filters');
  return (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ''}>
        {any && <option value="">{t('any')}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TextFilter({ label, name, value, placeholder }: { label: string; name: string; value?: string; placeholder: string }) {
  return (
    <label>
      {label}
      <input name={name} defaultValue={value} placeholder={placeholder} autoComplete="off" />
    </label>
  );
}

/** The `from` and `to` days (both included) of a date filter. */
export async function DateRange({ label, from, to }: { label: string; from?: string; to?: string }) {
  const t = await getTranslations('admin.filters');
  const date = {
    inputMode: 'numeric',
    pattern: '\\d{4}-\\d{2}-\\d{2}',
    placeholder: t('datePlaceholder'),
    title: t('dateTitle'),
    autoComplete: 'off',
    size: 10,
  } as const;
  return (
    <>
      <label>
        {label}
        <input name="from" defaultValue={from} {...date} />
      </label>
      <label>
        {t('to')}
        <input name="to" defaultValue={to} {...date} />
      </label>
    </>
  );
}

/** Why the query could not be read; the page shows it instead of a list. */
export function FilterError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <div className="adm-alert adm-alert--error" role="alert">
      {error}
    </div>
  );
}
