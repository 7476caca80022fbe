'use client';

// A console form that sends its fields to an admin API route (the same routes scripts use, which
// check the role before anything else), shows the route's error, and refreshes the page's server
// data on success. Fields go as JSON; a form with a file goes as multipart.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useHydrated } from '@/app/_components/use-hydrated';
import { submitJson } from '@/app/_components/submit-json';

interface Props {
  endpoint: string;
  method?: 'POST' | 'PATCH' | 'DELETE';
  multipart?: boolean;
  submitLabel: string;
  busyLabel?: string;
  /** Shown after success, until the next submit. */
  done?: string;
  /** Where to go after success; `{id}`-style placeholders are filled from the JSON reply. */
  redirectTo?: string;
  resetOnSuccess?: boolean;
  danger?: boolean;
  className?: string;
  testId?: string;
  children?: ReactNode;
}

export function ApiForm({
  endpoint,
  method = 'POST',
  multipart,
  submitLabel,
  busyLabel,
  done,
  redirectTo,
  resetOnSuccess,
  danger,
  className,
  testId,
  children,
}: Props) {
  const router = useRouter();
  const t = useTranslations('admin.form');
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    setSuccess(null);
    const reply = await submitJson<Record<string, unknown>>(
      endpoint,
      method,
      multipart ? data : Object.fromEntries([...data].filter(([, v]) => typeof v === 'string')),
    );
    setBusy(false);
    if (!reply.ok) {
      setError(reply.status === 0 ? t('unreachable') : (reply.error ?? t('answered', { status: reply.status })));
      return;
    }
    if (resetOnSuccess) form.reset();
    setSuccess(done ?? t('saved'));
    if (redirectTo) router.push(redirectTo.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(reply.data[k] ?? ''))));
    else router.refresh();
  }

  return (
    <form className={`adm-form ${className ?? ''}`} onSubmit={submit} data-testid={testId} noValidate>
      {children}
      <div className="adm-form__actions">
        <button type="submit" className={`adm-button ${danger ? 'adm-button--danger' : 'adm-button--primary'}`} disabled={busy || !hydrated}>
          {busy ? (busyLabel ?? t('saving')) : submitLabel}
        </button>
        {error && (
          <span className="adm-form__error" role="alert">
            {error}
          </span>
        )}
        {success && !error && (
          <span className="adm-form__done" role="status">
            {success}
          </span>
        )}
      </div>
    </form>
  );
}
