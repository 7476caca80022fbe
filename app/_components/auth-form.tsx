'use client';

// Sign in (POST /api/session) and sign up (POST /api/users): one form, two modes.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Field } from './field';
import { submitJson } from './submit-json';
import { useHydrated } from './use-hydrated';

type Mode = 'sign-in' | 'sign-up';
type AuthField = 'username' | 'password';

const ROUTES: Record<Mode, { endpoint: string; otherHref: string; copy: 'signIn' | 'signUp' }> = {
  'sign-in': { endpoint: '/api/session', otherHref: '/sign-up', copy: 'signIn' },
  'sign-up': { endpoint: '/api/users', otherHref: '/sign-in', copy: 'signUp' },
};

export function AuthForm({ mode, next }: { mode: Mode; next: string }) {
  const router = useRouter();
  const t = useTranslations('auth');
  const route = ROUTES[mode];
  const copy = {
    title: t(`${route.copy}Title`),
    submit: t(`${route.copy}Submit`),
    busy: t(`${route.copy}Busy`),
    other: t(`${route.copy}Other`),
    otherLink: t(`${route.copy}OtherLink`),
  };
  // Before hydration a native submit would put the password in the URL: the button waits.
  const hydrated = useHydrated();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<AuthField, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    setFieldErrors({});
    setSubmitting(true);
    const reply = await submitJson(route.endpoint, 'POST', { username: form.get('username'), password: form.get('password') });
    if (reply.ok) {
      router.push(next);
      router.refresh();
      return; // stay "busy" while the next page loads
    }
    const { fields } = reply.data;
    if (reply.status === 0) {
      setError(t('unreachable'));
    } else if (reply.status === 400 && fields) {
      // The route's field messages are English; say the same in the page's language.
      setFieldErrors({ username: fields.username && t('invalid.username'), password: fields.password && t('invalid.password') });
      if (!fields.username && !fields.password) setError(reply.error ?? t('checkForm'));
    } else if (reply.status === 401) {
      setError(t('wrong'));
    } else if (reply.status === 409) {
      setFieldErrors({ username: t('taken') });
    } else if (reply.status === 429) {
      setError(reply.error ?? t('tooMany'));
    } else {
      setError(t('failed'));
    }
    setSubmitting(false);
  }

  const signUp = mode === 'sign-up';
  const query = next !== '/' ? `?next=${encodeURIComponent(next)}` : '';

  return (
    <div className="auth">
      <form className="panel auth__form" method="post" onSubmit={submit} noValidate>
        <h1 className="panel__title auth__title">{copy.title}</h1>
        {next === '/checkout' && <p className="muted small">{t('checkoutNote')}</p>}
        <Field
          name="username"
          label={t('username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          error={fieldErrors.username}
          hint={signUp ? t('usernameHint') : undefined}
        />
        <Field
          name="password"
          label={t('password')}
          type="password"
          autoComplete={signUp ? 'new-password' : 'current-password'}
          required
          error={fieldErrors.password}
          hint={signUp ? t('passwordHint') : undefined}
        />
        {error && (
          <div className="alert alert--error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="button button--primary button--block" disabled={submitting || !hydrated} data-testid="auth-submit">
          {submitting ? copy.busy : copy.submit}
        </button>
        <p className="center small">
          {copy.other} <Link href={`${route.otherHref}${query}`}>{copy.otherLink}</Link>
        </p>
      </form>
    </div>
  );
}
