import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildBumperCommand } from './bumper-command.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import type { EncodeSettings } from './settings.ts';
import type { BumperKind } from './showcase-filters.ts';

export interface Bumpers {
  openingPath: string;
  closingPath: string;
}

export interface EnsureBumpersOptions {
  cacheDir: string;
  settings: EncodeSettings;
  ffmpegPath: string;
  logoPath: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Renders in flight in this process, so concurrent jobs wait for one render instead of racing. */
const rendering = new Map<string, Promise<Bumpers>>();

/** The cached bumpers for these settings, rendered on first use. */
export async function ensureBumpers(options: EnsureBumpersOptions): Promise<Bumpers> {
  const dir = join(options.cacheDir, await bumperCacheKey(options.settings, options.logoPath));
  const bumpers = { openingPath: join(dir, 'opening.mp4'), closingPath: join(dir, 'closing.mp4') };
  if ((await isRendered(bumpers.openingPath)) && (await isRendered(bumpers.closingPath))) return bumpers;
  let inFlight = rendering.get(dir);
  if (!inFlight) {
    inFlight = renderBumpers(dir, bumpers, options).finally(() => rendering.delete(dir));
    rendering.set(dir, inFlight);
  }
  return inFlight;
}

/** Hash of the exact bumper commands and the logo bytes: any change to either means a new render. */
export async function bumperCacheKey(settings: EncodeSettings, logoPath: string): Promise<string> {
  const placeholders = { logoPath: 'LOGO', outputPath: 'OUTPUT' };
  const commands = (['opening', 'closing'] as const).map((kind) => buildBumperCommand(kind, settings, placeholders));
  return createHash('sha256')
    .update(JSON.stringify(commands))
    .update(await readFile(logoPath))
    .digest('hex')
    .slice(0, 16);
}

async function renderBumpers(dir: string, bumpers: Bumpers, options: EnsureBumpersOptions): Promise<Bumpers> {
  await mkdir(dir, { recursive: true });
  await renderBumper('opening', bumpers.openingPath, options);
  await renderBumper('closing', bumpers.closingPath, options);
  return bumpers;
}

/** Renders beside the target and renames, so other processes never see a half-written bumper. */
async function renderBumper(kind: BumperKind, target: string, options: EnsureBumpersOptions): Promise<void> {
  if (await isRendered(target)) return;
  const partial = `${target}.${randomUUID()}.partial.mp4`;
  try {
    await runFfmpeg(buildBumperCommand(kind, options.settings, { logoPath: options.logoPath, outputPath: partial }), {
      ffmpegPath: options.ffmpegPath,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
}

async function isRendered(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info !== null && info.isFile() && info.size > 0;
}
