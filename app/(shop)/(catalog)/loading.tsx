import { GridSkeleton } from '@/app/_components/skeletons';

export default function Loading() {
  return <GridSkeleton />;
}
