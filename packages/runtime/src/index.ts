export * from './events.ts';
export * from './scripts/host.ts';
// The isolated-vm sandbox is its own entry point (@postern/runtime/sandbox) so runs without scripts never load it.
export type { IsolatedScriptHostOptions } from './scripts/isolated-host.ts';
export type { ScriptErrorCode } from './scripts/script-errors.ts';
export * from './runner.ts';
export * from './data-file.ts';
export * from './prepare.ts';
export { BodyError, type BodyFileSource } from './http/body.ts';
export { RunCookieJar, type CookieRecord } from './http/cookies.ts';
export { createDispatcher, type TlsOptions, type DispatcherHandle, type DispatcherOptions } from './http/dispatcher.ts';
export { sendHttp, HttpError, type OutgoingRequest, type SendOptions } from './http/send.ts';
export * from './reporters/index.ts';
