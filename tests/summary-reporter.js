/**
 * Prints one closing line, "tests: N passed, N failed", after jest's own summary, so a
 * reader (or a CI log scanner) finds the totals on the last line.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    process.stdout.write(`tests: ${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
  }
}
module.exports = SummaryReporter
