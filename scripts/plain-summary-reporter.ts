import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, "vitest: N passed, N failed", that any CI log reader understands.
 * A file that fails before its tests run (a syntax error, a failing beforeAll) and an unhandled error
 * each count as one failure: otherwise such a run would read "0 failed".
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    let brokenFiles = 0;
    for (const testModule of testModules) {
      let failedHere = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') failedHere += 1;
        else counts.skipped += 1;
      }
      counts.failed += failedHere;
      if (failedHere === 0 && testModule.state() === 'failed') brokenFiles += 1;
    }
    counts.failed += brokenFiles + unhandledErrors.length;
    const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
    const notes = [
      brokenFiles > 0 ? `${brokenFiles} file(s) failed outside their tests` : '',
      unhandledErrors.length > 0 ? `${unhandledErrors.length} unhandled error(s)` : '',
    ].filter(Boolean);
    console.log(
      `\nvitest: ${counts.passed} passed, ${counts.failed} failed${skipped}${notes.length ? ` (${notes.join('; ')})` : ''}`,
    );
  }
}
