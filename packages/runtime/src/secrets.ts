import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The configured secret, or one generated on first start and kept under the data folder,
 * so a single-machine install keeps its tokens and links valid across restarts.
 */
export async function configuredOrPersistedSecret(
  configured: string | undefined,
  dataDir: string,
  name: string,
): Promise<string> {
  if (configured) return configured;
  const folder = path.join(dataDir, 'secrets');
  const file = path.join(folder, name);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const secret = randomBytes(48).toString('base64url');
    // 'wx' fails if another process created it meanwhile; then read theirs.
    await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(() => {});
    return (await readFile(file, 'utf8')).trim();
  }
}
