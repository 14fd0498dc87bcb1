import { describe, expect, it } from 'vitest';
import { monitorInputOf, parseEmails } from './form-values.ts';

describe('monitor form values', () => {
  it('reads email lists however they are separated, without blanks or repeats', () => {
    expect(parseEmails('ada@example.test\n bob@example.test, Ada@Example.test;carol@example.test  ')).toEqual([
      'ada@example.test',
      'bob@example.test',
      'carol@example.test',
    ]);
    expect(parseEmails('  \n ')).toEqual([]);
  });

  it('builds the API body from the fields, with blanks as defaults and nulls', () => {
    const data = new FormData();
    data.set('name', '  Health  ');
    data.set('collectionId', 'c1');
    data.set('environmentId', '');
    data.set('timezone', 'Europe/Berlin');
    data.set('enabled', 'on');
    data.set('options.followRedirects', 'on');
    data.set('options.requestDelayMs', '');
    data.set('options.requestTimeoutMs', '5000');
    data.set('options.retries', '2');
    data.set('notifications.onError', 'on');
    data.set('notifications.emails', 'ada@example.test');
    data.set('notifications.webhookUrl', ' ');
    data.set('notifications.repeatLimit', '4');
    expect(monitorInputOf(data, '*/5 * * * *')).toEqual({
      name: 'Health',
      collectionId: 'c1',
      environmentId: null,
      cron: '*/5 * * * *',
      timezone: 'Europe/Berlin',
      enabled: true,
      options: { followRedirects: true, requestDelayMs: 0, requestTimeoutMs: 5000, verifyTls: false, retries: 2 },
      notifications: { onFailure: false, onError: true, emails: ['ada@example.test'], webhookUrl: null, repeatLimit: 4 },
    });
  });

  it('sends a number field that is not a number as it is, for the server to name', () => {
    const data = new FormData();
    data.set('options.requestTimeoutMs', 'soon');
    data.set('environmentId', 'e1');
    data.set('notifications.webhookUrl', 'https://hooks.example.test/x');
    const input = monitorInputOf(data, '0 * * * *');
    expect(input.options.requestTimeoutMs).toBeNaN();
    expect(input.environmentId).toBe('e1');
    expect(input.notifications.webhookUrl).toBe('https://hooks.example.test/x');
    expect(input.enabled).toBe(false);
  });
});
