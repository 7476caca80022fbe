import { getTranslations } from 'next-intl/server';
import { PanelSkeleton } from '@/app/_components/skeletons';

export default async function Loading() {
  const t = await getTranslations('checkout');
  return <PanelSkeleton label={t('loading')} />;
}
