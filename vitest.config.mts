import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'server/src/rules/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
