import { useState } from 'react';
import { Form, Field, TextAreaField } from '../components/Form.tsx';
import { useTitle } from '../components/use-title.ts';
import { notifications } from './api.ts';
import type { ProductNewsResult } from './api.ts';

/** For the operator: send product news to the accounts that opted in (and did not restrict marketing). */
export function ProductNewsPage() {
  useTitle('Product news');
  const [result, setResult] = useState<ProductNewsResult | null>(null);
  return (
    <>
      <h1>Product news</h1>
      <p>
        Goes only to accounts that turned product news on (email to confirmed addresses, with one-click unsubscribe; or in the app), never to
        accounts that restricted marketing use of their data.
      </p>
      <Form
        submitLabel="Send product news"
        pendingLabel="Sending…"
        onSubmit={async (data) => {
          setResult(null);
          setResult(await notifications.sendProductNews({ subject: String(data.get('subject') ?? ''), text: String(data.get('text') ?? '') }));
        }}
      >
        <Field name="subject" label="Subject" required maxLength={200} />
        <TextAreaField name="text" label="Message" required rows={8} />
      </Form>
      <p className="success" role="status">
        {result &&
          `Sent: ${result.emailed} by email, ${result.notified} in the app; ${result.skippedRestricted} skipped (marketing restricted)` +
            (result.failed ? `; ${result.failed} could not be delivered.` : '.')}
      </p>
    </>
  );
}
