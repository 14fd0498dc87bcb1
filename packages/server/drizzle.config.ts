import { defineConfig } from 'drizzle-kit';

// drizzle-kit resolves these from the working directory: run it in packages/server
// (the root script `npm run db:generate` does).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
