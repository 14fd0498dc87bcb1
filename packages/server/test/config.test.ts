import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const cwd = '/srv/postern';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('applies the defaults', () => {
    expect(loadConfig({}, cwd)).toEqual({
      port: 4400,
      host: '127.0.0.1',
      dataDir: '/srv/postern/postern-data',
      egress: { mode: 'open', allow: [] },
    });
  });

  it('reads every variable', () => {
    const key = Buffer.alloc(32, 7);
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        POSTERN_DATA_DIR: '/var/lib/postern',
        DATABASE_URL: 'postgres://app:pw@db.internal:5432/postern',
        POSTERN_SECRET_KEY: key.toString('base64'),
        PUBLIC_URL: 'https://api.example.test/',
      },
      cwd,
    );
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/postern',
      databaseUrl: 'postgres://app:pw@db.internal:5432/postern',
      secretKey: key,
      publicUrl: 'https://api.example.test',
      // Reachable from other hosts: server-side sending refuses private addresses by default.
      egress: { mode: 'public-only', allow: [] },
    });
  });

  it('accepts the secret key as hex and treats empty variables as unset', () => {
    const key = Buffer.alloc(32, 0xab);
    const config = loadConfig({ POSTERN_SECRET_KEY: key.toString('hex'), DATABASE_URL: '', PORT: '' }, cwd);
    expect(config.secretKey).toEqual(key);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(4400);
  });

  it('lists every bad variable in one CONFIG_INVALID error', () => {
    const error = configError({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/db',
      POSTERN_SECRET_KEY: Buffer.alloc(16).toString('hex'),
      PUBLIC_URL: 'ftp://example.test',
      HOST: '127.0.0.1',
    });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((i) => i.variable).sort()).toEqual(['DATABASE_URL', 'PORT', 'POSTERN_SECRET_KEY', 'PUBLIC_URL']);
    for (const variable of ['PORT', 'DATABASE_URL', 'POSTERN_SECRET_KEY', 'PUBLIC_URL']) {
      expect(error.message).toContain(variable);
    }
  });

  it('takes the location database path relative to the working directory, and refuses a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postern-geoip-'));
    writeFileSync(join(dir, 'City.mmdb'), 'placeholder');
    expect(loadConfig({ POSTERN_GEOIP_DB: 'City.mmdb' }, dir).geoipDb).toBe(join(dir, 'City.mmdb'));
    const error = configError({ POSTERN_GEOIP_DB: 'missing.mmdb' });
    expect(error.issues).toEqual([{ variable: 'POSTERN_GEOIP_DB', message: expect.stringContaining('/srv/postern/missing.mmdb does not exist') }]);
  });

  it('reads the DNS resolver for domain verification as ip:port, and refuses anything else', () => {
    expect(loadConfig({}, cwd).dnsResolver).toBeUndefined();
    expect(loadConfig({ POSTERN_DNS_RESOLVER: '127.0.0.1:5353' }, cwd).dnsResolver).toBe('127.0.0.1:5353');
    expect(loadConfig({ POSTERN_DNS_RESOLVER: '[::1]:53' }, cwd).dnsResolver).toBe('[::1]:53');
    for (const bad of ['dns.example.com:53', '127.0.0.1', '127.0.0.1:0', '999.1.1.1:53', '[nope]:53']) {
      expect(configError({ POSTERN_DNS_RESOLVER: bad }).issues).toEqual([{ variable: 'POSTERN_DNS_RESOLVER', message: expect.stringContaining('host:port') }]);
    }
  });

  it('refuses a port out of range', () => {
    expect(configError({ PORT: '70000' }).issues).toEqual([{ variable: 'PORT', message: expect.any(String) }]);
  });

  describe('with POSTERN_CONFIG', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postern-config-'));
    const file = (name: string, content: string) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };

    it('reads the file, with the environment taking precedence', () => {
      const path = file('ok.json', JSON.stringify({ PORT: 5000, HOST: '0.0.0.0', POSTERN_DATA_DIR: 'data' }));
      const config = loadConfig({ POSTERN_CONFIG: path, HOST: '::1' }, cwd);
      expect(config).toEqual({ port: 5000, host: '::1', dataDir: resolve(cwd, 'data'), egress: { mode: 'open', allow: [] } });
    });

    it('reports a bad file together with bad variables', () => {
      const path = file('bad.json', '{ not json');
      const error = configError({ POSTERN_CONFIG: path, PORT: '-1' });
      expect(error.issues.map((i) => i.variable).sort()).toEqual(['PORT', 'POSTERN_CONFIG']);
    });

    it('reports unknown settings and bad values from the file', () => {
      const path = file('unknown.json', JSON.stringify({ PROT: 1, PORT: 'x' }));
      const error = configError({ POSTERN_CONFIG: path });
      expect(error.issues).toEqual([
        { variable: 'POSTERN_CONFIG', message: expect.stringContaining('"PROT"') },
        { variable: 'PORT', message: expect.any(String) },
      ]);
    });

    it('reports a missing file', () => {
      expect(configError({ POSTERN_CONFIG: join(dir, 'absent.json') }).issues[0]?.variable).toBe('POSTERN_CONFIG');
    });
  });
});
