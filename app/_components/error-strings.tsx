'use client';

// The error page's words, handed down by the root layout. The error boundary is a client component
// on every page (the pay page too), so it gets a few strings through a context instead of
// next-intl's client runtime.
import { createContext, useContext, type ReactNode } from 'react';
import type { Messages } from '@/lib/i18n/messages';

export type ErrorStrings = Messages['errorPage'];

const Context = createContext<ErrorStrings | null>(null);

export function ErrorStringsProvider({ strings, children }: { strings: ErrorStrings; children: ReactNode }) {
  return <Context.Provider value={strings}>{children}</Context.Provider>;
}

export function useErrorStrings(): ErrorStrings {
  const strings = useContext(Context);
  if (!strings) throw new Error('ErrorStringsProvider is missing');
  return strings;
}
