// node .ci/test-report.cjs <vitest JSON report> <label> <repository folder>
// Prints `<label>: N passed, N failed, N skipped` (a test file that fails to load counts as one failure,
// named) and the slowest test files, appends the counts to $CI_TOTALS, and exits 1 on a failure, a
// skipped test or no test at all (CI fails on any skipped test).
const { appendFileSync } = require('node:fs');
const { relative } = require('node:path');

const [file, label, dir] = process.argv.slice(2);
const report = require(file);
const skipped = report.numPendingTests + report.numTodoTests;
const broken = report.testResults.filter((t) => t.status === 'failed' && !t.assertionResults.some((a) => a.status === 'failed'));
for (const t of broken) console.log(`${label}: ${relative(dir, t.name)} failed to run: ${(t.message || '').split('\n')[0]}`);
const failed = report.numFailedTests + broken.length;

const slowest = report.testResults
  .map((t) => ({ seconds: (t.endTime - t.startTime) / 1000, name: relative(dir, t.name), tests: t.assertionResults.length }))
  .sort((a, b) => b.seconds - a.seconds)
  .slice(0, 10);
const wall = (Math.max(...report.testResults.map((t) => t.endTime)) - report.startTime) / 1000;
console.log(`\n${label}: the slowest of ${report.testResults.length} test files (the run took ${wall.toFixed(0)} s):`);
for (const t of slowest) console.log(`  ${t.seconds.toFixed(1).padStart(6)} s  ${t.name} (${t.tests} tests)`);

console.log(`${label}: ${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
appendFileSync(process.env.CI_TOTALS, `${report.numPassedTests} ${failed} ${skipped}\n`);
if (report.numTotalTests === 0 || failed > 0 || skipped > 0) process.exit(1);
