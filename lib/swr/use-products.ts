// The live catalogue (GET /api/products): the cart and checkout show current names, prices and
// stock from here, never from what the browser stored.
import 'client-only';
import useSWR from 'swr';
import { fetchJson } from './fetcher';
import { PRODUCTS_KEY, type ProductSummary } from './products-key';

export function useProducts() {
  const { data, error, isLoading, mutate } = useSWR<ProductSummary[]>(PRODUCTS_KEY, fetchJson);
  const byId = new Map((data ?? []).map((p) => [p.id, p]));
  return { products: data, byId, error: error as Error | undefined, isLoading, mutate };
}
