'use client';

// Sign in (POST /api/session) and sign up (POST /api/users): one form, two modes.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useHydrated } from './use-hydrated';

type Mode = 'sign-in' | 'sign-up';
type Field = 'username' | 'password';

const COPY: Record<Mode, { title: string; submit: string; busy: string; endpoint: string; other: string; otherLink: string; otherHref: string }> = {
  'sign-in': {
    title: 'Sign in',
    submit: 'Sign in',
    busy: 'Signing in…',
    endpoint: '/api/session',
    other: 'New here?',
    otherLink: 'Create an account',
    otherHref: '/sign-up',
  },
  'sign-up': {
    title: 'Create an account',
    submit: 'Sign up',
    busy: 'Creating your account…',
    endpoint: '/api/users',
    other: 'Already have an account?',
    otherLink: 'Sign in',
    otherHref: '/sign-in',
  },
};

export function AuthForm({ mode, next }: { mode: Mode; next: string }) {
  const router = useRouter();
  const copy = COPY[mode];
  // Before hydration a native submit would put the password in the URL: the button waits.
  const hydrated = useHydrated();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    setFieldErrors({});
    setSubmitting(true);
    try {
      const res = await fetch(copy.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
      });
      if (res.ok) {
        router.push(next);
        router.refresh();
        return; // stay "busy" while the next page loads
      }
      const body = (await res.json().catch(() => ({}))) as { error?: string; fields?: Record<string, string> };
      if (res.status === 400 && body.fields) {
        setFieldErrors({ username: body.fields.username, password: body.fields.password });
        if (!body.fields.username && !body.fields.password) setError(body.error ?? 'Please check the form.');
      } else if (res.status === 401) {
        setError('Wrong username or password.');
      } else if (res.status === 409) {
        setFieldErrors({ username: body.fields?.username ?? 'That username is taken — pick another one.' });
      } else if (res.status === 429) {
        setError(body.error ?? 'Too many attempts. Please wait a few minutes and try again.');
      } else {
        setError('Something went wrong on our side. Please try again.');
      }
    } catch {
      setError('Could not reach the shop. Check your connection and try again.');
    }
    setSubmitting(false);
  }

  const query = next !== '/' ? `?next=${encodeURIComponent(next)}` : '';

  return (
    <div className="auth">
      <form className="panel auth__form" method="post" onSubmit={submit} noValidate>
        <h1 className="panel__title auth__title">{copy.title}</h1>
        {next === '/checkout' && <p className="muted small">Sign in to check out — your cart is kept.</p>}
        <div className="field">
          <label htmlFor="username">Username</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            aria-invalid={fieldErrors.username ? true : undefined}
            aria-describedby={fieldErrors.username ? 'username-error' : mode === 'sign-up' ? 'username-hint' : undefined}
          />
          {fieldErrors.username ? (
            <span className="field-error" id="username-error">
              {fieldErrors.username}
            </span>
          ) : (
            mode === 'sign-up' && (
              <span className="field-hint" id="username-hint">
                3–32 letters, digits, dots, dashes or underscores
              </span>
            )
          )}
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
            required
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? 'password-error' : mode === 'sign-up' ? 'password-hint' : undefined}
          />
          {fieldErrors.password ? (
            <span className="field-error" id="password-error">
              {fieldErrors.password}
            </span>
          ) : (
            mode === 'sign-up' && (
              <span className="field-hint" id="password-hint">
                At least 8 characters
              </span>
            )
          )}
        </div>
        {error && (
          <div className="alert alert--error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="button button--primary button--block" disabled={submitting || !hydrated} data-testid="auth-submit">
          {submitting ? copy.busy : copy.submit}
        </button>
        <p className="center small">
          {copy.other} <Link href={`${copy.otherHref}${query}`}>{copy.otherLink}</Link>
        </p>
      </form>
    </div>
  );
}
