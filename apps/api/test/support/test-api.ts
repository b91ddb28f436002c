import type { FastifyInstance } from 'fastify';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { createApi } from '../../src/create-api.ts';

export interface TestApi extends TestRuntime {
  app: FastifyInstance;
}

/** The real app over the test runtime (own database, local-disk objects, PostgreSQL queue). */
export async function startTestApi(env: Record<string, string> = {}, webRoot?: string): Promise<TestApi> {
  const testRuntime = await createTestRuntime(env);
  const app = await createApi(testRuntime.config, testRuntime.runtime, false, webRoot);
  await app.ready();
  return {
    ...testRuntime,
    app,
    close: async () => {
      await app.close();
      await testRuntime.close();
    },
  };
}
