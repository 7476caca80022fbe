// The console's list filters: a GET form whose fields start from the page's query, so a filtered
// page can be bookmarked and the pager keeps the filter.
import Link from 'next/link';
import type { ReactNode } from 'react';

export function FilterForm({
  testId,
  submitLabel = 'Filter',
  clearHref,
  children,
}: {
  testId: string;
  submitLabel?: string;
  clearHref?: string;
  children: ReactNode;
}) {
  return (
    <form className="adm-filters" method="get" data-testid={testId}>
      {children}
      <button type="submit" className="adm-button adm-button--primary">
        {submitLabel}
      </button>
      {clearHref && <Link href={clearHref}>Clear</Link>}
    </form>
  );
}

/** A choice of `options`; with `any`, a blank first choice that filters on nothing. */
export function SelectFilter({
  label,
  name,
  value,
  options,
  any = true,
}: {
  label: string;
  name: string;
  value?: string;
  options: readonly string[];
  any?: boolean;
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ''}>
        {any && <option value="">any</option>}
        {options.map((o) => (
          <option key={o}>{o}</option>
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
export function DateRange({ label, from, to }: { label: string; from?: string; to?: string }) {
  return (
    <>
      <label>
        {label}
        <input type="date" name="from" defaultValue={from} />
      </label>
      <label>
        to
        <input type="date" name="to" defaultValue={to} />
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
