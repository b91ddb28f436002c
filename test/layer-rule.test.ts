import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const RULE = '@typescript-eslint/no-restricted-imports';
const eslint = new ESLint({ cwd: ROOT });

/** The layer-rule messages ESLint reports for `source` as if it were the file at `file` (repository-relative). */
async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = imported;\n`, {
    filePath: path.join(ROOT, file),
  });
  return (result?.messages ?? []).filter((message) => message.ruleId === RULE).map((message) => message.message);
}

const CORE = 'The core imports no framework';
const ADAPTER = 'An adapter imports neither';
const WEB = 'The web app runs in the browser';
const WEB_CORE = 'The web app takes values from core only through';

describe('the layer rule of eslint.config.js', () => {
  it.each([
    ['packages/core/src/services/fake.ts', "import imported from 'fastify';", CORE],
    ['packages/core/src/services/fake.ts', "import type { Kysely as imported } from 'kysely';", CORE],
    ['packages/core/src/domain/fake.ts', "import { S3Client as imported } from '@aws-sdk/client-s3';", CORE],
    ['packages/core/src/fake.ts', "import { createDatabase as imported } from '@anb/db';", CORE],
    ['packages/core/src/fake.ts', "import { spawn as imported } from 'node:child_process';", CORE],
    ['packages/db/src/fake.ts', "import { buildApp as imported } from '@anb/api';", ADAPTER],
    ['packages/storage/src/fake.ts', "import imported from 'fastify';", ADAPTER],
    ['packages/queue/src/fake.ts', "import { startWorker as imported } from '@anb/worker';", ADAPTER],
    ['packages/media/src/fake.ts', "import type { FastifyInstance as imported } from 'fastify';", ADAPTER],
    ['apps/api/src/adapters/fake.ts', "import imported from '@fastify/jwt';", ADAPTER],
    [
      'apps/worker/src/adapters/ffmpeg-showcase-renderer.ts',
      "import { buildApp as imported } from '@anb/api';",
      ADAPTER,
    ],
    ['apps/web/src/fake.ts', "import { createDatabase as imported } from '@anb/db';", WEB],
    ['apps/web/src/upload/fake.tsx', "import { readFile as imported } from 'node:fs/promises';", WEB],
    ['apps/web/src/fake.ts', "import imported from 'pg';", WEB],
    ['apps/web/src/fake.ts', "import imported from 'fastify';", WEB],
    ['apps/web/src/fake.ts', "import { VideoService as imported } from '@anb/core';", WEB_CORE],
  ])('refuses an import against the direction (%s: %s)', async (file, source, message) => {
    expect(await layerErrors(file, source)).toEqual([expect.stringContaining(message)]);
  });

  it.each([
    ['packages/core/src/fake.ts', "import { v7 as imported } from 'uuid';"],
    ['packages/db/src/fake.ts', "import { Kysely as imported } from 'kysely';"],
    ['apps/api/src/fake.ts', "import imported from 'fastify';"],
    ['apps/web/src/fake.ts', "import type { VideoStatus as imported } from '@anb/core';"],
    ['apps/web/src/upload/fake.ts', "import { checkVideo as imported } from '@anb/core/upload-rules';"],
    ['apps/web/src/upload/fake.ts', "import { uploadTexts as imported } from '@anb/core/upload-texts';"],
    ['apps/web/src/forms/fake.ts', "import { accountRules as imported } from '@anb/core/account-rules';"],
  ])('lets each layer import what points inward (%s: %s)', async (file, source) => {
    expect(await layerErrors(file, source)).toEqual([]);
  });
});

const TEST_SUPPORT = 'Production code imports no test support';
const INTO_TESTS = 'Import shared test support from @anb/testing';

describe('the test-support rule of eslint.config.js', () => {
  it.each([
    ['apps/api/src/fake.ts', "import { waitFor as imported } from '@anb/testing/wait-for';", TEST_SUPPORT],
    ['apps/worker/src/fake.ts', "import type { TestRuntime as imported } from '@anb/testing/runtime';", TEST_SUPPORT],
    [
      'packages/runtime/src/fake.ts',
      "import { createTestRuntime as imported } from '@anb/testing/runtime';",
      TEST_SUPPORT,
    ],
    ['packages/db/src/fake.ts', "import { insertPlayer as imported } from '@anb/testing/rows';", TEST_SUPPORT],
    ['apps/standalone/src/fake.ts', "import { startStack as imported } from '@anb/testing/stack';", TEST_SUPPORT],
    ['packages/core/src/fake.ts', "import { insertVideo as imported } from '@anb/testing/rows';", CORE],
    ['apps/web/src/fake.ts', "import { startStack as imported } from '@anb/testing/stack';", WEB],
    [
      'apps/api/test/fake.test.ts',
      "import { waitFor as imported } from '../../worker/test/support/wait-for.ts';",
      INTO_TESTS,
    ],
    [
      'apps/worker/test/fake.test.ts',
      "import { insertPlayer as imported } from '../../../packages/db/test-support/rows.ts';",
      INTO_TESTS,
    ],
    [
      'infra/test/fake.test.ts',
      "import { diagramInSection as imported } from '../../test/support/architecture-doc.ts';",
      INTO_TESTS,
    ],
    [
      'apps/web/e2e/support/fake.ts',
      "import { startStack as imported } from '../../../../load-tests/lib/stack.ts';",
      INTO_TESTS,
    ],
    ['scripts/fake.ts', "import { startStack as imported } from '../packages/testing/src/stack/stack.ts';", INTO_TESTS],
    [
      'packages/queue/src/fake.ts',
      "import { createTestDatabase as imported } from '../test/support/database.ts';",
      INTO_TESTS,
    ],
  ])(
    'refuses test support outside tests and relative paths into other tests (%s: %s)',
    async (file, source, message) => {
      expect(await layerErrors(file, source)).toEqual([expect.stringContaining(message)]);
    },
  );

  it.each([
    ['apps/api/test/fake.test.ts', "import { newPlayer as imported } from '@anb/testing/players';"],
    ['apps/api/test/fake.test.ts', "import { buildTestApi as imported } from './support/test-api.ts';"],
    [
      'apps/worker/test/nested/fake.test.ts',
      "import { uploadedVideo as imported } from '../support/uploaded-video.ts';",
    ],
    ['packages/testing/src/stack/fake.ts', "import { findFreePort as imported } from '../free-port.ts';"],
    ['load-tests/fake.ts', "import { startStack as imported } from '@anb/testing/stack';"],
  ])('lets tests import @anb/testing and their own support (%s: %s)', async (file, source) => {
    expect(await layerErrors(file, source)).toEqual([]);
  });
});
