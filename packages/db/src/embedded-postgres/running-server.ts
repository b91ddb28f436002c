import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serverPid } from './orphaned-server.ts';

/**
 * The port of the live server of `pgdata`, from its lock file (line 4 of postmaster.pid), so a second
 * program (`npm run admin`) can use the database `npm start` is running instead of starting its own.
 */
export async function runningServerPort(pgdata: string): Promise<number | undefined> {
  if ((await serverPid(pgdata)) === undefined) return undefined;
  const lines = (await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const port = Number.parseInt(lines[3] ?? '', 10);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}
