import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error.ts';

/** A server left running by a process that was killed would keep the cluster locked: it is stopped. */
export async function stopOrphanedServer(pgdata: string): Promise<void> {
  const pid = await serverPid(pgdata);
  if (pid === undefined) return;
  if ((await parentPid(pid)) !== 1) {
    throw new EmbeddedPostgresError(
      `The embedded database in ${pgdata} is in use by another process (PostgreSQL pid ${pid}): ` +
        'stop that process, or set DATA_DIR to another folder.',
    );
  }
  process.kill(pid, 'SIGINT');
  // Not our child: there is no exit event to await.
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The pid of the live server of `pgdata`, from its lock file. */
export async function serverPid(pgdata: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number.parseInt((await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
  } catch {
    return undefined;
  }
  return Number.isInteger(pid) && isAlive(pid) ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
  } catch {
    return undefined;
  }
}
