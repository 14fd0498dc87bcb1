export interface TestResult {
  name: string;
  passed: boolean;
  error?: string;
}

/** The tests the scripts ran (pm.test): counts, then each one with its outcome in words. */
export function TestResults({ results }: { results: TestResult[] | undefined }) {
  if (!results || results.length === 0) return <p className="muted">No tests ran.</p>;
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  return (
    <>
      <p className="response-test-counts">
        <span className="response-test-passed">{passed} passed</span>, <span className={failed > 0 ? 'response-test-failed' : undefined}>{failed} failed</span>
      </p>
      <ul className="response-tests">
        {results.map((r, i) => (
          <li key={`${i}:${r.name}`} className={r.passed ? 'response-test-passed' : 'response-test-failed'}>
            <strong>{r.passed ? 'Pass' : 'Fail'}</strong> {r.name}
            {!r.passed && r.error && <div className="response-test-error">{r.error}</div>}
          </li>
        ))}
      </ul>
    </>
  );
}
