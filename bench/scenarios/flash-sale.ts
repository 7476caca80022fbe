// Flash sale: 1000 shoppers check out one product with stock 100 at the same instant (1000
// connections, one request each). Exactly 100 orders may be created and the other 900 must be
// clean 409s; the wall time is reported next to the baseline's doing the same reservation.
import type postgres from 'postgres';
import { load, type LoadResult } from '../support/load';
import type { Shopper } from '../support/seed';
import type { Server } from '../support/servers';

export interface FlashRun {
  result: LoadResult;
  created: number;
  conflicts: number;
  ordersInDb: number;
  stockLeft: number;
  /** Orders created without a QR yet (WeChat slow): still reserved, the pay page fetches it. */
  withoutQr: number;
}

export async function flashSale(opts: { server: Server; path: string; shoppers: Shopper[]; productId: number; db: postgres.Sql }): Promise<FlashRun> {
  let i = 0;
  const body = JSON.stringify({ items: [{ productId: opts.productId, quantity: 1 }] });
  const result = await load({
    url: opts.server.baseUrl,
    connections: opts.shoppers.length,
    amount: opts.shoppers.length,
    method: 'POST',
    timeoutS: 30,
    next: () => ({ path: opts.path, headers: { cookie: opts.shoppers[i++].cookie, 'content-type': 'application/json' }, body }),
    expect: (s) => s === 201 || s === 409,
  });
  const [{ orders, withoutQr }] = await opts.db`
    select count(distinct o.id)::int as orders, count(distinct o.id) filter (where o.code_url is null)::int as "withoutQr"
    from orders o join order_items i on i.order_id = o.id where i.product_id = ${opts.productId}`;
  const [{ stock }] = await opts.db`select stock from products where id = ${opts.productId}`;
  return { result, created: result.statusCodes['201'] ?? 0, conflicts: result.statusCodes['409'] ?? 0, ordersInDb: orders, stockLeft: stock, withoutQr };
}
