import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { MediaToolNotFoundError } from './errors.ts';

export interface MediaTools {
  ffmpegPath: string;
  ffprobePath: string;
}

type Tool = 'ffmpeg' | 'ffprobe';

const envVariable: Record<Tool, string> = { ffmpeg: 'FFMPEG_PATH', ffprobe: 'FFPROBE_PATH' };

/**
 * FFMPEG_PATH / FFPROBE_PATH when set, else the system binaries on PATH, else the ones shipped
 * inside the optional @ffmpeg-installer / @ffprobe-installer packages (no download at install time).
 */
export function locateMediaTools(env: NodeJS.ProcessEnv = process.env): MediaTools {
  return { ffmpegPath: locateTool('ffmpeg', env), ffprobePath: locateTool('ffprobe', env) };
}

function locateTool(tool: Tool, env: NodeJS.ProcessEnv): string {
  const configured = env[envVariable[tool]];
  if (configured) {
    // A wrong explicit path is a configuration error, not a reason to pick another binary silently.
    if (!isExecutableFile(configured))
      throw new MediaToolNotFoundError(tool, `${envVariable[tool]}=${configured} is not an executable file`);
    return configured;
  }
  const onPath = findOnPath(tool, env.PATH ?? '');
  if (onPath) return onPath;
  const packaged = findPackagedBinary(tool);
  if (packaged) return packaged;
  throw new MediaToolNotFoundError(
    tool,
    `set ${envVariable[tool]}, install it on PATH, or install @${tool}-installer/${platformSuffix()}`,
  );
}

function findOnPath(tool: Tool, pathVariable: string): string | null {
  const name = process.platform === 'win32' ? `${tool}.exe` : tool;
  for (const dir of pathVariable.split(delimiter)) {
    if (dir && isExecutableFile(join(dir, name))) return join(dir, name);
  }
  return null;
}

function findPackagedBinary(tool: Tool): string | null {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve(`@${tool}-installer/${platformSuffix()}/package.json`);
  } catch {
    return null;
  }
  const binary = join(dirname(packageJson), process.platform === 'win32' ? `${tool}.exe` : tool);
  return isExecutableFile(binary) ? binary : null;
}

function platformSuffix(): string {
  return `${process.platform}-${process.arch}`;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
