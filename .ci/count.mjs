// Sums the JSON reports written by vitest and Playwright into CI's closing line, and names every
// failed or flaky test just above it (CI shows only the end of the log).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [dir, status = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const named = [];

const firstLines = (text = '') =>
  text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .slice(0, 4)
    .join('\n    ');

/** Playwright nests suites (file → describe) with specs holding one test per project. */
function playwrightTests(suite, trail = []) {
  const here = suite.title ? [...trail, suite.title] : trail;
  return [
    ...(suite.specs ?? []).flatMap((spec) => spec.tests.map((test) => ({ title: [...here, spec.title].join(' › '), test }))),
    ...(suite.suites ?? []).flatMap((child) => playwrightTests(child, here)),
  ];
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  if (report.stats && 'expected' in report.stats) {
    // Playwright: a flaky test passed on retry and is counted as passed, but named here.
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    for (const { title, test } of (report.suites ?? []).flatMap((s) => playwrightTests(s))) {
      if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
      const error = test.results.find((r) => r.error)?.error?.message;
      named.push(`${file}: ${test.status === 'flaky' ? 'FLAKY (passed on retry)' : 'FAILED'} ${title}\n    ${firstLines(error)}`);
    }
  } else {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    for (const result of report.testResults ?? []) {
      for (const test of result.assertionResults ?? []) {
        if (test.status === 'failed') named.push(`${file}: FAILED ${test.fullName}\n    ${firstLines(test.failureMessages?.[0])}`);
      }
      if (result.status === 'failed' && !(result.assertionResults ?? []).some((t) => t.status === 'failed')) {
        named.push(`${file}: FAILED ${result.name}\n    ${firstLines(result.message)}`);
      }
    }
  }
  console.log(`${file}: ${JSON.stringify(report.stats ?? { passed: report.numPassedTests, failed: report.numFailedTests })}`);
}
for (const line of named) console.log(line);
if (status !== '0' && failed === 0) {
  console.log('a step failed before its tests reported (see the log above); counted as one failure');
  failed = 1;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
