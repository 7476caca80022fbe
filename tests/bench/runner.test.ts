// The benchmark is not part of the suite (its timings would be flaky here), but its runner is: a
// smoke run with tiny numbers (`bench/run.ts --smoke`) builds nothing, starts the built app and the
// baseline on a throwaway PostgreSQL database, drives every scenario and exits non-zero when a
// correctness check fails (wrong order counts, errors, stock not conserved). Speed targets are not
// asserted. PostgreSQL only: the baseline is postgres.js, so without DATABASE_URL this is skipped
// (and counted as skipped, not passed).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SCENARIOS = [
  /^calibration: app \/api\/health [\d,]+ req\/s .* · baseline node:http hello [\d,]+ req\/s .* · ratio [\d.]+/m,
  /^status poll 10 conns: app [\d,]+ req\/s p99 .* · baseline [\d,]+ req\/s p99 .* · ratio [\d.]+/m,
  /^memory under status poll: app peak RSS \d+ MB/m,
  /^status drift: .* · last\/first [\d.]+/m,
  /^notify burst .*: app [\d,]+ req\/s .* · baseline tx [\d,]+ req\/s .*, cte [\d,]+ req\/s .* · ratio [\d.]+ vs faster/m,
  /^duplicate notify .*: app [\d,]+ req\/s .* · ratio [\d.]+ vs faster/m,
  /^flash sale: app .* 10×201 30×409, 0 errors, 10 orders in db, stock left 0 \(0 of the app.s orders without a QR at checkout\) · baseline .* 10×201 30×409, 0 errors/m,
  /^pay page JS: [\d.]+ kB transferred .* in \d+ scripts/m,
  /^pay → paid: p50 [\d.]+ s p95 [\d.]+ s/m,
  /^pay → paid with push: p50 -?[\d.]+ ms p95 -?[\d.]+ ms max -?[\d.]+ ms \(n=2\)/m,
  /^event streams: app 20 held, 0 lost; 4 paid: .* · baseline 20 held, 0 lost; 4 paid: .* · ratio [\d.]+/m,
  /^event stream connects: app \d+ streams\/s \(status route [\d,]+ req\/s .*\) · baseline \d+ streams\/s/m,
  /^sweep: 40 stale orders closed .* · 40 closed, 0 pending, 40 close logs \(0 orders not exactly once\) · stock 1000000 of 1000000/m,
];

describe.skipIf(!process.env.DATABASE_URL)('npm run bench (smoke run)', () => {
  it('prints every scenario with its baseline and ratio, and every correctness check holds', () => {
    const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'bench/run.ts', '--smoke', '--skip-build'], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_PORT_BASE: process.env.BENCH_PORT_BASE ?? '3180' },
      timeout: 280_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(0);
    for (const line of SCENARIOS) expect(output, output).toMatch(line);
    expect(output).toContain('every correctness check held');
  });
});
