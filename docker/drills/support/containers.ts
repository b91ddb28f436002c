import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The compose project `docker/stack.sh` starts. */
const PROJECT = 'anb';

/** Runs the Docker CLI and returns its standard output, trimmed. */
export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run(process.env.DOCKER ?? 'docker', args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** Names of the service's containers, running or not, in replica order. */
export async function containersOf(service: string): Promise<string[]> {
  const names = await docker(
    'ps',
    '--all',
    '--filter',
    `label=com.docker.compose.project=${PROJECT}`,
    '--filter',
    `label=com.docker.compose.service=${service}`,
    '--format',
    '{{.Names}}',
  );
  return names.split('\n').filter(Boolean).sort();
}

/** The command lines of the processes running in a container. */
export async function processesIn(container: string): Promise<string[]> {
  // ps needs the PID column for docker top to accept its options.
  const table = await docker('top', container, '-eo', 'pid,args');
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().replace(/^\d+\s+/, ''));
}

/** The container's output since it was created (across restarts), as JSON log records where they parse. */
export async function logRecordsOf(container: string): Promise<Array<Record<string, unknown>>> {
  const { stdout, stderr } = await run(process.env.DOCKER ?? 'docker', ['logs', container], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return `${stdout}\n${stderr}`
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** Polls until `probe` returns a value (not undefined), or fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until the container's health check passes (containers without one: until it runs). */
export async function waitHealthy(container: string, timeoutMs = 120_000): Promise<void> {
  await waitFor(
    `${container} to be healthy`,
    async () => {
      const state = await docker(
        'inspect',
        '--format',
        '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}',
        container,
      );
      const [status, health] = state.split(' ');
      return status === 'running' && (health === undefined || health === '' || health === 'healthy') ? true : undefined;
    },
    timeoutMs,
  );
}

/**
 * Starts an API container again and puts it back behind nginx, which resolves the containers'
 * addresses when it (re)loads its configuration: the part target registration plays on an ALB.
 */
export async function restartBehindBalancer(api: string): Promise<void> {
  await docker('start', api);
  await waitHealthy(api);
  const [nginx] = await containersOf('nginx');
  await docker('kill', '--signal', 'HUP', nginx!);
}
