// Sums vitest JSON reports into the one closing line CI reads: "N passed, N failed".
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.error(`No test report at ${file}: the test run did not complete.`);
    failed++;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const failedBefore = failed;
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that fails before any test runs (import error, missing service) counts once.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && !(suite.assertionResults ?? []).length) {
      failed++;
      console.error(`FAILED to run: ${suite.name}\n${suite.message ?? ''}`);
    }
  }
  // A run that failed with no failing test (global setup, no test files, an unhandled error).
  if (report.success === false && failed === failedBefore) {
    failed++;
    console.error(`FAILED: ${file} reports a failed run (see the errors above)`);
  }
  if (!report.numTotalTests) {
    failed += failed === failedBefore ? 1 : 0;
    console.error(`FAILED: ${file} ran no tests`);
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
