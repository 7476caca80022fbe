// The row a statement must return: an aggregate without GROUP BY, an INSERT … RETURNING, a row the
// transaction has just locked. An empty result there is a bug, reported as such rather than as
// "cannot read properties of undefined" a few lines later.
export function firstRow<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`expected a row: ${what}`);
  return row;
}
