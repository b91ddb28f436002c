import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface Stack {
  baseUrl: string;
  workDir: string;
  logTail(): Promise<string>;
  stop(): Promise<void>;
}

/** The whole platform as `npm start` runs it (API, worker, embedded PostgreSQL) on a free port and a throwaway data dir. */
export async function startStack(): Promise<Stack> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'anb-web-e2e-'));
  // As root, the embedded PostgreSQL runs as the postgres user, which must reach its folder inside.
  await chmod(workDir, 0o755);
  const port = await freePort();
  const logPath = path.join(workDir, 'server.log');
  const log = createWriteStream(logPath);
  const child = spawn(process.execPath, ['apps/standalone/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(workDir, 'data'),
      RATE_LIMIT_AUTH_MAX: '1000',
      FFMPEG_PRESET: 'ultrafast',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  const logTail = async () => (await readFile(logPath, 'utf8').catch(() => '')).split('\n').slice(-40).join('\n');
  try {
    await waitUntilReady(baseUrl, child);
  } catch (error) {
    await stopChild(child);
    const tail = await logTail();
    await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
    throw new Error(`the stack did not start: ${(error as Error).message}\n${tail}`, { cause: error });
  }
  return {
    baseUrl,
    workDir,
    logTail,
    async stop() {
      await stopChild(child);
      log.end();
      await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

async function waitUntilReady(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const ready = await fetch(`${baseUrl}/api/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('not ready within 120 s');
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
