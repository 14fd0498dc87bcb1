/** The monitor form's values turned into the API's MonitorInput (the fields are named by their body paths). */
import type { MonitorInput } from './api.ts';

/** Addresses written one per line or separated by commas, semicolons or spaces; blanks and repeats dropped. */
export function parseEmails(text: string): string[] {
  const emails: string[] = [];
  const seen = new Set<string>();
  for (const email of text.split(/[\s,;]+/).filter(Boolean)) {
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    emails.push(email);
  }
  return emails;
}

/**
 * A number field: blank means `fallback`; anything else is sent as typed (a non-number goes as
 * null), so the server's field error names it rather than the form guessing.
 */
function numberOf(data: FormData, name: string, fallback: number): number {
  const text = String(data.get(name) ?? '').trim();
  return text === '' ? fallback : Number(text);
}

const checked = (data: FormData, name: string) => data.get(name) === 'on';

/** The body of a create or an edit, from the form and the cron expression its schedule fields make. */
export function monitorInputOf(data: FormData, cron: string): MonitorInput {
  const environmentId = String(data.get('environmentId') ?? '');
  const webhookUrl = String(data.get('notifications.webhookUrl') ?? '').trim();
  return {
    name: String(data.get('name') ?? '').trim(),
    collectionId: String(data.get('collectionId') ?? ''),
    environmentId: environmentId || null,
    cron,
    timezone: String(data.get('timezone') ?? 'UTC'),
    enabled: checked(data, 'enabled'),
    options: {
      followRedirects: checked(data, 'options.followRedirects'),
      requestDelayMs: numberOf(data, 'options.requestDelayMs', 0),
      requestTimeoutMs: numberOf(data, 'options.requestTimeoutMs', 30_000),
      verifyTls: checked(data, 'options.verifyTls'),
      retries: numberOf(data, 'options.retries', 0),
    },
    notifications: {
      onFailure: checked(data, 'notifications.onFailure'),
      onError: checked(data, 'notifications.onError'),
      emails: parseEmails(String(data.get('notifications.emails') ?? '')),
      webhookUrl: webhookUrl || null,
      repeatLimit: numberOf(data, 'notifications.repeatLimit', 3),
    },
  };
}
