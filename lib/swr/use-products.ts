// The live catalogue (GET /api/products): the cart and checkout show current names, prices and
// stock from here, never from what the browser stored.
import useSWR from 'swr';
import { fetchJson } from './fetcher';

export const PRODUCTS_KEY = '/api/products';

export interface ProductSummary {
  id: number;
  slug: string;
  name: string;
  priceFen: number;
  stock: number;
  imageUrl: string;
}

export function useProducts() {
  const { data, error, isLoading, mutate } = useSWR<ProductSummary[]>(PRODUCTS_KEY, fetchJson);
  const byId = new Map((data ?? []).map((p) => [p.id, p]));
  return { products: data, byId, error: error as Error | undefined, isLoading, mutate };
}
