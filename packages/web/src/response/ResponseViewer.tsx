import { useState } from 'react';
import type { SendResponse } from '../api/types.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { BodyView } from './BodyView.tsx';
import { CookiesTable } from './CookiesTable.tsx';
import { HeadersTable } from './HeadersTable.tsx';
import { PreviewFrame } from './PreviewFrame.tsx';
import { ResponseSummary } from './ResponseSummary.tsx';
import { ResponseTabs, type ResponseTab } from './ResponseTabs.tsx';
import { SaveExampleForm } from './SaveExampleForm.tsx';
import { ConsoleLines } from './ConsoleLines.tsx';
import { TestResults } from './TestResults.tsx';
import { TimingTable } from './TimingTable.tsx';

export interface ResponseViewerProps {
  response: SendResponse | null;
  /** What the last send threw (an ApiError with the problem, or an AbortError when cancelled). */
  error: unknown;
  sending: boolean;
  onSaveExample?: (name: string) => void;
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** The response of a sent request: summary line, then Body, Headers, Cookies, Timing, Tests (and Console, Visualizer) tabs. */
export function ResponseViewer({ response, error, sending, onSaveExample }: ResponseViewerProps) {
  const [selected, setSelected] = useState('body');

  let content;
  if (sending) {
    content = (
      <p role="status" className="response-busy">
        Sending the request…
      </p>
    );
  } else if (error !== null && error !== undefined) {
    content = isAbort(error) ? <p role="status">The request was cancelled.</p> : <ErrorMessage error={error} />;
  } else if (!response) {
    content = <p className="muted">Send the request to see its response here.</p>;
  } else {
    // Older servers (and saved responses) carry no script results.
    const testResults = response.tests ?? [];
    const consoleLines = response.console ?? [];
    const scriptErrors = response.scriptErrors ?? [];
    const { visualizerHtml } = response;
    const passed = testResults.filter((r) => r.passed).length;
    const ran = testResults.filter((r) => !r.skipped).length;
    const tabs: ResponseTab[] = [
      { id: 'body', label: 'Body' },
      { id: 'headers', label: `Headers (${response.headers.length})` },
      { id: 'cookies', label: `Cookies (${response.cookies.length})` },
      { id: 'timing', label: 'Timing' },
      { id: 'tests', label: ran > 0 ? `Tests (${passed}/${ran})` : scriptErrors.length > 0 ? 'Tests (script error)' : 'Tests' },
      ...(consoleLines.length > 0 ? [{ id: 'console', label: `Console (${consoleLines.length})` }] : []),
      ...(visualizerHtml !== undefined ? [{ id: 'visualizer', label: 'Visualizer' }] : []),
    ];
    // The Visualizer tab can go away with a new response: fall back to the body then.
    const active = tabs.some((t) => t.id === selected) ? selected : 'body';
    content = (
      <>
        <ResponseSummary response={response} />
        {onSaveExample && <SaveExampleForm defaultName={`${response.status} ${response.statusText}`.trim()} onSave={onSaveExample} />}
        <ResponseTabs label="Response parts" tabs={tabs} selected={active} onSelect={setSelected}>
          {active === 'body' && <BodyView response={response} />}
          {active === 'headers' && <HeadersTable response={response} />}
          {active === 'cookies' && <CookiesTable cookies={response.cookies} />}
          {active === 'timing' && <TimingTable timings={response.timings} />}
          {active === 'tests' && <TestResults results={testResults} scriptErrors={scriptErrors} />}
          {active === 'console' && <ConsoleLines lines={consoleLines} />}
          {active === 'visualizer' && visualizerHtml !== undefined && <PreviewFrame html={visualizerHtml} title="Visualizer output" />}
        </ResponseTabs>
      </>
    );
  }

  return (
    <section className="response-viewer" aria-label="Response" aria-busy={sending}>
      {content}
    </section>
  );
}
