import { repoRoot, startStack as startThrowawayStack } from '@anb/testing/stack';

export { repoRoot };

export interface Stack {
  /** The web app's origin (the API is under `/api`). */
  baseUrl: string;
  /** A throwaway folder, removed by `stop()`. */
  workDir: string;
  stop(): Promise<void>;
}

/**
 * The whole platform as `npm start` runs it (API, worker, embedded PostgreSQL) on a free port and a throwaway
 * data dir; `env` adds settings (e.g. `PUBLIC_BASE_URL` when the browser reaches it through a relay).
 */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  // Voting in these checks follows the organiser's flow; the account pages have their own check.
  const stack = await startThrowawayStack({
    env: { RATE_LIMIT_AUTH_MAX: '1000', VOTE_REQUIRES_VERIFIED_EMAIL: 'false', ...env },
  });
  return {
    baseUrl: stack.baseUrl.replace(/\/api$/, ''),
    workDir: stack.dataDir,
    stop: stack.stop,
  };
}
