/**
 * `npm run e2e`: starts the whole stack (API + worker + embedded PostgreSQL) on a free port with a
 * throwaway data directory, makes the test videos with ffmpeg, runs the Postman collection with
 * newman (CLI reporter + JUnit XML in reports/newman.xml), stops the stack and exits with newman's
 * verdict. The last line is `N passed, N failed` (assertions).
 *
 *   npm run e2e                              # local stack
 *   npm run e2e -- --base-url URL            # an already running deployment (no stack started)
 *   npm run e2e -- --fixtures-only DIR       # only make the upload files (for Postman by hand)
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import newman from 'newman';
import { repoRoot, startStack, type RunningStack } from '@anb/testing/stack';
import { buildCollection, collectionPath, environmentPath } from './e2e-collection.ts';

const run = promisify(execFile);

/** The server's upload limit during the local run, so the "too large" case needs only a small file. */
const E2E_UPLOAD_MAX_BYTES = 8 * 1024 * 1024;

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    'fixtures-only': { type: 'string' },
    'max-upload-bytes': { type: 'string' },
  },
});

/** The upload files the collection refers to, relative to newman's working directory. */
async function makeFixtures(dir: string, maxUploadBytes: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const base = { width: 1920, height: 1080, fps: 5 };
  await Promise.all([
    makeVideoSmall(path.join(dir, 'e2e-valid.mp4'), { ...base, seconds: 21 }),
    makeVideoSmall(path.join(dir, 'e2e-short.mp4'), { ...base, seconds: 5 }),
    makeVideoSmall(path.join(dir, 'e2e-lowres.mp4'), { width: 640, height: 360, fps: 5, seconds: 21 }),
  ]);
  // A real MP4 header ("ftyp" box) cut short: recognised as MP4, unreadable as a video.
  const valid = readFileSync(path.join(dir, 'e2e-valid.mp4'));
  await writeFile(path.join(dir, 'e2e-corrupt.mp4'), valid.subarray(0, 4096));
  await writeFile(path.join(dir, 'e2e-not-video.txt'), 'Esto no es un video.\n');
  // The valid video in two halves, for the resumable upload's two PATCHes.
  const half = Math.ceil(valid.length / 2);
  await writeFile(path.join(dir, 'e2e-valid.part1'), valid.subarray(0, half));
  await writeFile(path.join(dir, 'e2e-valid.part2'), valid.subarray(half));
  // Just over the limit but within the declared-size tolerance, so the server reads the body
  // (the multipart limit answers FILE_TOO_LARGE) instead of closing the connection early.
  const tooLarge = await open(path.join(dir, 'e2e-too-large.bin'), 'w');
  await tooLarge.truncate(maxUploadBytes + 16 * 1024);
  await tooLarge.close();
  // 1 MiB over the limit: past that tolerance, so a declared size is refused before the body is read
  // (101 MiB through the container stack). Sparse: nothing is written to disk.
  const overLimit = await open(path.join(dir, 'e2e-over-limit.bin'), 'w');
  await overLimit.truncate(maxUploadBytes + 1024 * 1024);
  await overLimit.close();
}

/** The sizes the resumable-upload requests declare, from the files makeFixtures wrote. */
function fixtureSizes(dir: string): { key: string; value: string }[] {
  const size = (name: string) => statSync(path.join(dir, name)).size;
  return [
    { key: 'resumable_length', value: String(size('e2e-valid.mp4')) },
    { key: 'resumable_half', value: String(size('e2e-valid.part1')) },
    { key: 'not_video_length', value: String(size('e2e-not-video.txt')) },
  ];
}

/** Low-bitrate test pattern: the e2e files stay around 1 MB. */
async function makeVideoSmall(file: string, spec: { width: number; height: number; fps: number; seconds: number }) {
  if (existsSync(file)) return;
  const source = `testsrc2=size=${spec.width}x${spec.height}:rate=${spec.fps}:duration=${spec.seconds}`;
  await run(
    'ffmpeg',
    ['-y', '-v', 'error', '-f', 'lavfi', '-i', source, '-c:v', 'libx264', '-preset', 'ultrafast'].concat([
      '-b:v',
      '400k',
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+faststart',
      file,
    ]),
  );
}

function runNewman(options: newman.NewmanRunOptions): Promise<newman.NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(options, (error, summary) => (error ? reject(error) : resolve(summary)));
  });
}

async function main(): Promise<number> {
  const fixturesOnly = values['fixtures-only'];
  const maxUploadBytes = Number(
    values['max-upload-bytes'] ?? (values['base-url'] ? 100 * 1024 * 1024 : E2E_UPLOAD_MAX_BYTES),
  );
  if (fixturesOnly) {
    await makeFixtures(path.resolve(fixturesOnly), maxUploadBytes);
    console.log(`upload files written to ${fixturesOnly}`);
    for (const { key, value } of fixtureSizes(path.resolve(fixturesOnly))) console.log(`set ${key}=${value}`);
    return 0;
  }

  const committed = readFileSync(collectionPath, 'utf8');
  if (JSON.stringify(JSON.parse(committed)) !== JSON.stringify(buildCollection())) {
    console.error('postman/anb.postman_collection.json is stale: run `node scripts/e2e-collection.ts` and commit it.');
    return 1;
  }

  const workDir = await mkdtemp(path.join(tmpdir(), 'anb-e2e-'));
  let stack: RunningStack | undefined;
  try {
    const started = Date.now();
    const stackPromise = values['base-url']
      ? undefined
      : startStack({
          env: {
            RATE_LIMIT_AUTH_MAX: '1000',
            // The organiser's literal flow (sign up, log in, vote): their collection has no mailbox to read.
            VOTE_REQUIRES_VERIFIED_EMAIL: process.env.VOTE_REQUIRES_VERIFIED_EMAIL ?? 'false',
            FFMPEG_PRESET: 'ultrafast',
            UPLOAD_MAX_BYTES: String(maxUploadBytes),
            LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
          },
        });
    await makeFixtures(workDir, maxUploadBytes);
    stack = await stackPromise;
    const baseUrl = values['base-url'] ?? stack?.baseUrl ?? '';
    console.log(`stack ready at ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s; running the collection`);

    await mkdir(path.join(repoRoot, 'reports'), { recursive: true });
    const summary = await runNewman({
      collection: JSON.parse(committed),
      environment: JSON.parse(readFileSync(environmentPath, 'utf8')),
      envVar: [{ key: 'base_url', value: baseUrl }, ...fixtureSizes(workDir)],
      workingDir: workDir,
      reporters: ['cli', 'junit'],
      reporter: { junit: { export: path.join(repoRoot, 'reports/newman.xml') } },
      timeoutRequest: 60_000,
    });
    const assertions = summary.run.stats.assertions;
    const failed = assertions.failed ?? 0;
    const total = assertions.total ?? 0;
    const runFailures = summary.run.failures.length;
    console.log(`newman: ${summary.run.stats.requests.total} requests, JUnit report in reports/newman.xml`);
    console.log(`${total - failed} passed, ${failed} failed`);
    return failed === 0 && runFailures === 0 && total > 0 ? 0 : 1;
  } finally {
    await stack?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  return 1;
});
