export { startTestServer, type TestServer, type TestServerOptions } from './server.ts';
export { ECHO_CREDENTIALS } from './credentials.ts';
export { MAX_DELAY_SECONDS } from './routes/delay.ts';
export { seededBytes } from './routes/bytes.ts';
