'use client';

// Errors outside the shop's layout (or in it); app/(shop)/error.tsx keeps the header for page errors.
import { ErrorView } from './_components/error-view';

export default function ErrorPage(props: { error: unknown; retry: () => void }) {
  return (
    <main className="container site-main">
      <ErrorView {...props} />
    </main>
  );
}
