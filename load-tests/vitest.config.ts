import { defineConfig } from 'vitest/config';

// The report's own tests: fixtures only, no measuring (`npx vitest run --config load-tests/vitest.config.ts`).
export default defineConfig({
  test: { include: ['load-tests/test/**/*.test.ts'], root: new URL('..', import.meta.url).pathname },
});
