import type { OpenAPIHono } from '@hono/zod-openapi';
import { expect } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { AppDeps } from '../../src/app.ts';
import { openDatabase } from '../../src/db/database.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { AppEnv } from '../../src/http/env.ts';
import type { MailMessage, Mailer } from '../../src/mail/mailer.ts';
import type { TestDatabase } from '../for-each-database.ts';
import { Browser, newPerson } from './browser.ts';

/** Argon2id parameters low enough to keep tests fast; never use them in production. */
export const FAST_HASHING = { memoryCost: 1024, timeCost: 1 };

/** A mailer that keeps what it was given, for tests to read. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
  /** The messages sent to one address, oldest first. */
  to(address: string): MailMessage[] {
    return this.sent.filter((m) => m.to.toLowerCase() === address.toLowerCase());
  }
}

export interface TestApp {
  app: OpenAPIHono<AppEnv>;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * Opens the target database, migrates it and composes the app with fast hashing. Rate limits are
 * off unless the test passes `rateLimits` (every in-process request shares one client key).
 */
export async function openTestApp(target: TestDatabase, deps: Partial<AppDeps> = {}): Promise<TestApp> {
  const database = await openDatabase(target.config());
  await migrate(database);
  const app = createApp({ passwordHashing: FAST_HASHING, rateLimits: false, ...deps, database });
  return { app, database, close: () => database.close() };
}

/** Signs a new person up through the API and returns their signed-in browser. */
export async function signUpPerson(app: OpenAPIHono<AppEnv>, overrides: Record<string, unknown> = {}) {
  const browser = new Browser(app);
  const person = newPerson(overrides);
  const res = await browser.request('POST', '/api/accounts', { body: person });
  expect(res.status).toBe(201);
  return { browser, person, account: await res.json() };
}
