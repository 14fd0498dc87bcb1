import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const cwd = '/srv/postern';

function issuesOf(env: NodeJS.ProcessEnv) {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected loadConfig to fail');
}

describe('OIDC configuration', () => {
  it('reads the provider settings, with a default button label', () => {
    expect(loadConfig({ OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'postern' }, cwd).oidc).toEqual({
      issuer: 'https://id.example',
      clientId: 'postern',
      name: 'Single sign-on',
    });
    expect(
      loadConfig(
        { OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'p', OIDC_CLIENT_SECRET: 's', OIDC_NAME: 'Acme SSO' },
        cwd,
      ).oidc,
    ).toEqual({ issuer: 'http://127.0.0.1:9000', clientId: 'p', clientSecret: 's', name: 'Acme SSO' });
    expect(loadConfig({}, cwd).oidc).toBeUndefined();
  });

  it('refuses plain http except on this machine, and half a configuration', () => {
    expect(issuesOf({ OIDC_ISSUER: 'http://id.example', OIDC_CLIENT_ID: 'p' })).toEqual([
      { variable: 'OIDC_ISSUER', message: 'must be an https:// URL (http:// only for localhost)' },
    ]);
    expect(issuesOf({ OIDC_ISSUER: 'https://id.example' })).toEqual([
      { variable: 'OIDC_CLIENT_ID', message: 'must be set together with OIDC_ISSUER and OIDC_CLIENT_ID' },
    ]);
    expect(issuesOf({ OIDC_CLIENT_ID: 'p' })[0]!.variable).toBe('OIDC_ISSUER');
  });
});
