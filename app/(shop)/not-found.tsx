// notFound() from a shop page: an unknown product slug, a missing or someone else's order.
import { NotFoundView } from '@/app/_components/not-found-view';

export default function ShopNotFound() {
  return <NotFoundView />;
}
