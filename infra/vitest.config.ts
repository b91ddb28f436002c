import { defineConfig } from 'vitest/config';

// The infra checks need no database: this config skips the root one's embedded PostgreSQL.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
