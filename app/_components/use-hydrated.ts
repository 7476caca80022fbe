import 'client-only';
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False during server rendering and hydration, true after: lets a page tell "cart empty" from
 * "cart not read yet", and keeps buttons disabled until a click would actually be handled.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
