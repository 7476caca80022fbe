'use client';

import { useEffect } from 'react';
import { useErrorStrings } from './error-strings';

/** The body of error.tsx: what went wrong, in words for shoppers, and a way to try again. */
export function ErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useErrorStrings();
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  return (
    <div className="empty" role="alert">
      <h1>{t.title}</h1>
      <p className="muted">{t.body}</p>
      {digest && <p className="muted small">{t.reference.replace('{digest}', digest)}</p>}
      <div className="button-row button-row--center">
        <button type="button" className="button button--primary" onClick={() => retry()}>
          {t.retry}
        </button>
        {/* Not next/link: the root error boundary loads on every page, and Link put a second copy
            of itself (~3 kB gzipped) in its chunk. After an error a full load is cleaner anyway. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose, as said above */}
        <a href="/" className="button">
          {t.home}
        </a>
      </div>
    </div>
  );
}
