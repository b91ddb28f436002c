import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../free-port.ts';

export const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));

/** How `npm start` and the API image launch Node (ADR 32, 35); a test holds the three equal. */
export const PRODUCT_LAUNCH = {
  env: { UV_USE_IO_URING: '0' },
  nodeFlags: ['--max-semi-space-size=4'],
} as const;

export interface StackOptions {
  /** Extra environment for the stack (merged over sensible test defaults). */
  env?: Record<string, string>;
  /** Load the server-side probe (event loop delay, CPU, memory, DB pool wait) and write its samples here. */
  probeFile?: string;
  /** Inherit the stack's output (default: only keep it in memory and print it when boot fails). */
  verbose?: boolean;
  /** Readiness wait, ms. */
  readyTimeoutMs?: number;
  /** Run on this data directory and leave it in place on stop (default: a throwaway one, removed on stop). */
  dataDir?: string;
  /**
   * Its own process group, like `npm start` in a terminal, so crash() can end every process of the stack at
   * once. Off by default: in the caller's group, a Ctrl-C to the tests also stops the stack.
   */
  ownProcessGroup?: boolean;
}

export interface RunningStack {
  baseUrl: string;
  port: number;
  dataDir: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
  /**
   * SIGKILL to the whole process group (the API, the worker and the embedded PostgreSQL), as a power cut.
   * Needs `ownProcessGroup`.
   */
  crash(): Promise<void>;
}

/**
 * Starts `apps/standalone` (API + worker + embedded PostgreSQL) on a free port with a throwaway
 * data directory, waits for `/api/health/ready`, and returns a handle whose `stop()` sends SIGTERM,
 * waits for the exit and removes the data directory.
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const port = await findFreePort();
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'anb-stack-')));
  const nodeArgs: string[] = [...PRODUCT_LAUNCH.nodeFlags];
  if (options.probeFile) nodeArgs.push('--import', path.join(import.meta.dirname, 'server-probe.ts'));
  nodeArgs.push(path.join(repoRoot, 'apps/standalone/src/main.ts'));
  const child = spawn(process.execPath, nodeArgs, {
    cwd: repoRoot,
    env: {
      ...PRODUCT_LAUNCH.env,
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      RATE_LIMIT_AUTH_MAX: '100000',
      FFMPEG_PRESET: 'ultrafast',
      LOG_LEVEL: 'warn',
      ...(options.probeFile ? { ANB_PROBE_FILE: options.probeFile } : {}),
      ...options.env,
    },
    stdio: ['ignore', options.verbose ? 'inherit' : 'pipe', options.verbose ? 'inherit' : 'pipe'],
    detached: options.ownProcessGroup ?? false,
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
    }
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  const crash = async () => {
    if (!options.ownProcessGroup) throw new Error('crash() needs a stack started with ownProcessGroup');
    if (!exited) {
      process.kill(-(child.pid as number), 'SIGKILL');
      await exit;
    }
  };

  const baseUrl = `http://127.0.0.1:${port}/api`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const response = await fetch(`${baseUrl}/health/ready`);
      if (response.ok) return { baseUrl, port, dataDir, pid: child.pid ?? 0, child, stop, crash };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.stderr.write(output.join(''));
  await stop();
  throw new Error(exited ? 'the stack exited during boot' : 'the stack did not become ready in time');
}
