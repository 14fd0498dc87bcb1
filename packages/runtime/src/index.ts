export * from './events.ts';
export * from './scripts/host.ts';
export * from './runner.ts';
export * from './data-file.ts';
export * from './prepare.ts';
export { RunCookieJar, type CookieRecord } from './http/cookies.ts';
export { createDispatcher, type TlsOptions, type DispatcherHandle } from './http/dispatcher.ts';
export { sendHttp, HttpError, type OutgoingRequest, type SendOptions } from './http/send.ts';
export * from './reporters/index.ts';
