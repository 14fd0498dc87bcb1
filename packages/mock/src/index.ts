/**
 * @postern/mock: mock servers from a collection's saved examples (Postman
 * semantics) and from OpenAPI documents, behind a small node:http adapter.
 */
export { createCollectionMock, isIdLike } from './collection/match.ts';
export type { CollectionMock, CollectionMockOptions, MatchResult, MatchedExample, MockRequest, MockResponse } from './collection/match.ts';
export { createMockHandler, listenMock } from './http.ts';
export type { MockAnswer, MockHandlerOptions, MockLogEntry, MockResolver, RunningMock } from './http.ts';
export { collectionResolver } from './collection/resolver.ts';
// OpenAPI: `postern mock` calls `createOpenApiMock(file, { dynamic })` when it is exported here and
// expects `{ resolve: MockResolver; operationCount: number }` back (see packages/cli/src/commands/mock.ts).
export * from './openapi/index.ts';
