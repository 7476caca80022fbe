'use client';

// Sign in (POST /api/session) and sign up (POST /api/users): one form, two modes.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Field } from './field';
import { submitJson } from './submit-json';
import { useHydrated } from './use-hydrated';

type Mode = 'sign-in' | 'sign-up';
type AuthField = 'username' | 'password';

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
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<AuthField, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    setFieldErrors({});
    setSubmitting(true);
    const reply = await submitJson(copy.endpoint, 'POST', { username: form.get('username'), password: form.get('password') });
    if (reply.ok) {
      router.push(next);
      router.refresh();
      return; // stay "busy" while the next page loads
    }
    const { fields } = reply.data;
    if (reply.status === 0) {
      setError('Could not reach the shop. Check your connection and try again.');
    } else if (reply.status === 400 && fields) {
      setFieldErrors({ username: fields.username, password: fields.password });
      if (!fields.username && !fields.password) setError(reply.error ?? 'Please check the form.');
    } else if (reply.status === 401) {
      setError('Wrong username or password.');
    } else if (reply.status === 409) {
      setFieldErrors({ username: fields?.username ?? 'That username is taken — pick another one.' });
    } else if (reply.status === 429) {
      setError(reply.error ?? 'Too many attempts. Please wait a few minutes and try again.');
    } else {
      setError('Something went wrong on our side. Please try again.');
    }
    setSubmitting(false);
  }

  const signUp = mode === 'sign-up';
  const query = next !== '/' ? `?next=${encodeURIComponent(next)}` : '';

  return (
    <div className="auth">
      <form className="panel auth__form" method="post" onSubmit={submit} noValidate>
        <h1 className="panel__title auth__title">{copy.title}</h1>
        {next === '/checkout' && <p className="muted small">Sign in to check out — your cart is kept.</p>}
        <Field
          name="username"
          label="Username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          error={fieldErrors.username}
          hint={signUp ? '3–32 letters, digits, dots, dashes or underscores' : undefined}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete={signUp ? 'new-password' : 'current-password'}
          required
          error={fieldErrors.password}
          hint={signUp ? 'At least 8 characters' : undefined}
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
          {copy.other} <Link href={`${copy.otherHref}${query}`}>{copy.otherLink}</Link>
        </p>
      </form>
    </div>
  );
}
