import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A valid contest upload: 21 s of 1080p H.264 MP4, small enough to send in seconds. */
export async function makeSampleVideo(dir: string): Promise<string> {
  const output = path.join(dir, 'jugada.mp4');
  await run(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=10', '-t', '21'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
      output,
    ],
    { timeout: 120_000 },
  );
  return output;
}
