import type { SendTestResult } from '../api/types.ts';

const SCRIPT_NAMES = { prerequest: 'pre-request script', test: 'test script' } as const;

/** The tests the scripts ran (pm.test): script errors first, counts, then each test with its outcome in words. */
export function TestResults({ results, scriptErrors = [] }: { results: SendTestResult[]; scriptErrors?: { event: 'prerequest' | 'test'; message: string }[] }) {
  const errors = scriptErrors.length > 0 && (
    <ul className="response-script-errors" role="alert">
      {scriptErrors.map((e, i) => (
        <li key={`${i}:${e.message}`}>
          A {SCRIPT_NAMES[e.event]} failed: {e.message}. Fix the script and send again.
        </li>
      ))}
    </ul>
  );
  if (results.length === 0) {
    return (
      <>
        {errors}
        <p className="muted">No tests ran. Write tests with pm.test in the request’s Scripts tab, or in its folder’s or collection’s.</p>
      </>
    );
  }
  const passed = results.filter((r) => r.passed).length;
  const skipped = results.filter((r) => r.skipped).length;
  const failed = results.length - passed - skipped;
  return (
    <>
      {errors}
      <p className="response-test-counts">
        <span className="response-test-passed">{passed} passed</span>, <span className={failed > 0 ? 'response-test-failed' : undefined}>{failed} failed</span>
        {skipped > 0 && `, ${skipped} skipped`}
      </p>
      <ul className="response-tests">
        {results.map((r, i) => (
          <li key={`${i}:${r.name}`} className={r.passed ? 'response-test-passed' : r.skipped ? 'muted' : 'response-test-failed'}>
            <strong>{r.passed ? 'Pass' : r.skipped ? 'Skipped' : 'Fail'}</strong> {r.name}
            {!r.passed && r.error && <div className="response-test-error">{r.error}</div>}
          </li>
        ))}
      </ul>
    </>
  );
}
