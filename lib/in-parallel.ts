// A fixed number of workers over a list: what the sweep and the event streams' due check use so a
// large batch never becomes that many calls to WeChat at once.
export async function inParallel<T extends object | string | number>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await fn(item);
  });
  await Promise.all(workers);
}
