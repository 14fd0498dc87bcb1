/**
 * One undici dispatcher per run: keep-alive connection reuse, proxies from
 * HTTP(S)_PROXY / NO_PROXY, TLS options, and connection-phase timings.
 */
import { Agent, EnvHttpProxyAgent, buildConnector, type Dispatcher } from 'undici';
import { isIP, type LookupFunction } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface TlsOptions {
  /** Skip certificate verification (-k / --insecure). */
  insecure?: boolean;
  /** PEM client certificate, key and passphrase (--ssl-client-cert/key/passphrase). */
  cert?: Buffer;
  key?: Buffer;
  passphrase?: string;
  /** Extra trusted CA certificates (--ssl-extra-ca-certs). */
  ca?: Buffer;
}

/** Time to open a new connection, ms: `tcp` for http, `tls` (TCP and handshake) for https. */
export interface ConnectTimings {
  tcp?: number;
  tls?: number;
}

export interface DispatcherHandle {
  dispatcher: Dispatcher;
  /** Increments every time a new connection finishes its handshake. */
  connectCount(): number;
  /** Timings of the most recent new connection. */
  lastConnect(): ConnectTimings;
  close(): Promise<void>;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.HTTP_PROXY || env.http_proxy || env.HTTPS_PROXY || env.https_proxy);
}

export interface DispatcherOptions {
  /**
   * Resolves host names for every new connection; an error it returns refuses the connection.
   * It is also called for IP-literal hosts (which need no resolving), so one function can vet every
   * address the dispatcher connects to, e.g. the server's egress guard. Proxies are not used with
   * it: through a proxy the target's address would be resolved where it cannot be checked.
   */
  lookup?: LookupFunction;
}

export function createDispatcher(
  tls: TlsOptions = {},
  env: NodeJS.ProcessEnv = process.env,
  options: DispatcherOptions = {},
): DispatcherHandle {
  let count = 0;
  let last: ConnectTimings = {};
  const connectOptions = {
    rejectUnauthorized: !tls.insecure,
    ...(tls.cert ? { cert: tls.cert } : {}),
    ...(tls.key ? { key: tls.key } : {}),
    ...(tls.passphrase ? { passphrase: tls.passphrase } : {}),
    ...(tls.ca ? { ca: tls.ca } : {}),
  };
  const lookup = options.lookup;
  const base = buildConnector(lookup ? { ...connectOptions, lookup } : connectOptions);

  // Wrap the connector to time each new connection. undici hands the socket back once it
  // is connected (and, for https, after the TLS handshake), so the wait is the connect time.
  const timed: buildConnector.connector = (target, callback) => {
    const start = performance.now();
    base(target, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('connect failed'), null);
      const elapsed = performance.now() - start;
      last = (socket as TLSSocket).encrypted ? { tls: elapsed } : { tcp: elapsed };
      count++;
      callback(null, socket);
    });
  };
  // Node skips `lookup` for IP literals, so they are passed through it here before connecting.
  const connect: buildConnector.connector = lookup
    ? (target, callback) => {
        if (!isIP(target.hostname)) return timed(target, callback);
        lookup(target.hostname, { all: true }, (err) => {
          if (err) callback(err, null);
          else timed(target, callback);
        });
      }
    : timed;

  const agentOptions = {
    connect,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connections: 64,
    pipelining: 1,
  };
  const dispatcher: Dispatcher = proxyConfigured(env) && !lookup
    ? new EnvHttpProxyAgent({
        ...agentOptions,
        connect: connectOptions,
        ...optional('httpProxy', env.HTTP_PROXY ?? env.http_proxy),
        ...optional('httpsProxy', env.HTTPS_PROXY ?? env.https_proxy),
        ...optional('noProxy', env.NO_PROXY ?? env.no_proxy),
      })
    : new Agent(agentOptions);

  return {
    dispatcher,
    connectCount: () => count,
    lastConnect: () => last,
    close: () => dispatcher.close(),
  };
}
