import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './scripts/plain-summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'apps/*/test/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'infra/test/**/*.test.ts',
            'benchmarks/test/**/*.test.ts',
            'load-tests/test/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          // apps/web has its own project (jsdom) below.
          exclude: [...configDefaults.exclude, 'apps/web/**'],
          globalSetup: ['./packages/testing/src/database-global-setup.ts'],
        },
      },
      // The web app's component tests: jsdom and Preact's JSX, no database.
      './apps/web/vitest.config.ts',
    ],
  },
});
