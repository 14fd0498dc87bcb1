export { createOpenApiMock, negotiate } from './mock.ts';
export type { OpenApiMock, OpenApiMockOptions, Violation } from './mock.ts';
export { OpenApiDocumentError, loadDocument } from './load.ts';
export { PathRouter } from './router.ts';
