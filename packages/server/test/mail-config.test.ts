import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const cwd = '/srv/postern';
const issuesOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => i.variable).sort();
    throw error;
  }
  return [];
};

describe('mail and proxy settings', () => {
  it('reads SMTP_URL, MAIL_FROM and TRUST_PROXY', () => {
    const config = loadConfig(
      { SMTP_URL: 'smtps://mailer:p%40ss@mail.example:465', MAIL_FROM: 'Postern <noreply@example.org>', TRUST_PROXY: 'true' },
      cwd,
    );
    expect(config).toMatchObject({
      smtpUrl: 'smtps://mailer:p%40ss@mail.example:465',
      mailFrom: 'Postern <noreply@example.org>',
      trustProxy: true,
    });
    expect(loadConfig({ SMTP_URL: 'smtp://localhost:1025', TRUST_PROXY: '0' }, cwd)).toMatchObject({ smtpUrl: 'smtp://localhost:1025', trustProxy: false });
  });

  it('leaves them unset by default (mail goes to the outbox, X-Forwarded-For is ignored)', () => {
    const config = loadConfig({ SMTP_URL: '', MAIL_FROM: '', TRUST_PROXY: '' }, cwd);
    expect(config.smtpUrl).toBeUndefined();
    expect(config.mailFrom).toBeUndefined();
    expect(config.trustProxy).toBeUndefined();
  });

  it('names each bad setting without echoing its value', () => {
    expect(issuesOf({ SMTP_URL: 'http://mail.example', TRUST_PROXY: 'maybe' })).toEqual(['SMTP_URL', 'TRUST_PROXY']);
    expect(issuesOf({ SMTP_URL: 'smtp://' })).toEqual(['SMTP_URL']);
    const load = () => loadConfig({ SMTP_URL: 'ftp://user:hunter2@mail.example' }, cwd);
    expect(load).toThrow(ConfigError);
    expect(load).not.toThrow(/hunter2/);
  });
});
