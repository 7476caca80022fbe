import { PanelSkeleton } from '@/app/_components/skeletons';

export default function Loading() {
  return <PanelSkeleton />;
}
