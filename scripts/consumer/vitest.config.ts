import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** `pnpm test:consumer`: the consumer test alone (it needs the npm registry, so `pnpm test` leaves it out). */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['consumer.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
