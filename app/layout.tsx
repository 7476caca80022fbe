// The document shell only. The shop's header and footer live in app/(shop)/layout.tsx, so the
// built-in WeChat Pay sandbox (/sandbox/**) renders as its own phone-sized app.
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Teahouse 茶舍', template: '%s · Teahouse 茶舍' },
  description: 'Tea, cups and small things for the desk — paid with WeChat Pay.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#2f5d4e',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
