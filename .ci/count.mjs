// Sums the JSON reports written by vitest and Playwright into CI's closing line.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [dir, status = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  if (report.stats && 'expected' in report.stats) {
    // Playwright: a flaky test passed on retry and is counted as passed, but named here.
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    if (report.stats.flaky) console.log(`${file}: ${report.stats.flaky} flaky test(s) passed on retry`);
  } else {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  }
  console.log(`${file}: ${JSON.stringify(report.stats ?? { passed: report.numPassedTests, failed: report.numFailedTests })}`);
}
if (status !== '0' && failed === 0) {
  console.log('a step failed before its tests reported (see the log above); counted as one failure');
  failed = 1;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
