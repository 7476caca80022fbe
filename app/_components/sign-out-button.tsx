'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function SignOutButton({ label, busyLabel }: { label: string; busyLabel: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    try {
      await fetch('/api/session', { method: 'DELETE' });
    } finally {
      setBusy(false);
      router.refresh();
    }
  }

  return (
    <button type="button" className="link-button" onClick={signOut} disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}
