/** pm.sendRequest: a request from a script, through the run's HTTP client and cookie jar. */
import type { RequestObject, SignContext, VariableResolver } from '@postern/collection';
import type { RunCookieJar } from './http/cookies.ts';
import type { DispatcherHandle } from './http/dispatcher.ts';
import { sendHttp } from './http/send.ts';
import { prepareRequest } from './prepare.ts';
import type { ScriptResponse } from './scripts/host.ts';

export interface ScriptSenderDeps {
  http: DispatcherHandle;
  cookieJar: RunCookieJar;
  workingDir: string | undefined;
  files?: (src: string) => Buffer | undefined;
  signContext: SignContext;
  timeoutMs: number | undefined;
  signal: AbortSignal;
  resolver: () => VariableResolver;
  maxBodyBytes?: number | undefined;
}

export function createScriptRequestSender(deps: ScriptSenderDeps) {
  return async function sendRequest(request: RequestObject | string): Promise<ScriptResponse> {
    const req: RequestObject = typeof request === 'string' ? { url: request, method: 'GET' } : request;
    const prepared = await prepareRequest(req, req.auth, {
      resolver: deps.resolver(),
      workingDir: deps.workingDir,
      files: deps.files,
      signContext: deps.signContext,
      behavior: {},
    });
    const { response } = await sendHttp(deps.http, prepared.outgoing, {
      ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      redirects: { follow: true, max: 10, followOriginalHttpMethod: false, followAuthorizationHeader: false },
      cookies: deps.cookieJar,
      signal: deps.signal,
      ...(deps.maxBodyBytes ? { maxBodyBytes: deps.maxBodyBytes } : {}),
    });
    return response;
  };
}
