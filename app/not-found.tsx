// URLs that match no route. They render in the root layout only, so the shop's header is added
// here; notFound() from a shop page uses app/(shop)/not-found.tsx inside the shop layout.
import { NotFoundView } from './_components/not-found-view';
import { ShopChrome } from './_components/shop-chrome';

export default function NotFound() {
  return (
    <ShopChrome>
      <NotFoundView />
    </ShopChrome>
  );
}
