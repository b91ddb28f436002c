/**
 * `npm run e2e`: makes the test videos with ffmpeg and runs the Postman collection with newman twice, each
 * time against a whole stack (API + worker + embedded PostgreSQL) started on a free port with a throwaway
 * data directory: first with VOTE_REQUIRES_VERIFIED_EMAIL=false (the organiser's literal flow), then with
 * true. Each run gets a mailbox (`e2e-mailbox.ts`) serving the links of the mail its stack wrote, for the
 * account requests, and an organiser desk (`e2e-organiser-desk.ts`) that runs `npm run admin -- grant-organiser`
 * against its stack, for the organiser's folder. CLI reporter + JUnit XML per run in reports/. Exits with the
 * verdict of both runs; the last line is `N passed, N failed` (assertions).
 *
 *   npm run e2e                              # both local stacks
 *   VOTE_REQUIRES_VERIFIED_EMAIL=true npm run e2e   # one local stack with that setting
 *   npm run e2e -- --base-url URL            # an already running deployment (no stack, no mailbox:
 *                                            #   the account folder is skipped; JUnit in reports/newman.xml)
 *   E2E_ADMIN_COMMAND='bash docker/stack.sh admin grant-organiser' npm run e2e -- --base-url URL
 *                                            # with the command that makes an account organiser there
 *                                            #   (the e-mail is appended); without it the requests that
 *                                            #   need an organiser are skipped
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
import { serveMailbox, type Mailbox } from './e2e-mailbox.ts';
import { serveOrganiserDesk, type OrganiserDesk } from './e2e-organiser-desk.ts';

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

  if (JSON.stringify(JSON.parse(readFileSync(collectionPath, 'utf8'))) !== JSON.stringify(buildCollection())) {
    console.error('postman/anb.postman_collection.json is stale: run `node scripts/e2e-collection.ts` and commit it.');
    return 1;
  }

  const workDir = await mkdtemp(path.join(tmpdir(), 'anb-e2e-'));
  try {
    await mkdir(path.join(repoRoot, 'reports'), { recursive: true });
    const fixtures = makeFixtures(workDir, maxUploadBytes);
    const baseUrl = values['base-url'];
    if (baseUrl) {
      await fixtures;
      // The deployment's setting, when the caller states it (CI does for the container stack).
      const voteRequiresVerifiedEmail = process.env.VOTE_REQUIRES_VERIFIED_EMAIL;
      const adminCommand = process.env.E2E_ADMIN_COMMAND;
      const desk = adminCommand ? await serveOrganiserDesk({ command: adminCommand }) : undefined;
      try {
        return verdict(
          await runCollection({
            label: baseUrl,
            baseUrl,
            deskUrl: desk?.url,
            voteRequiresVerifiedEmail,
            workDir,
            report: 'newman.xml',
          }),
        );
      } finally {
        await desk?.close();
      }
    }
    // The organiser's flow both ways: votes without a confirmed e-mail (their literal flow), then with.
    const settings = process.env.VOTE_REQUIRES_VERIFIED_EMAIL
      ? [process.env.VOTE_REQUIRES_VERIFIED_EMAIL]
      : ['false', 'true'];
    const summaries: newman.NewmanRunSummary[] = [];
    for (const voteRequiresVerifiedEmail of settings) {
      const label = `local stack, VOTE_REQUIRES_VERIFIED_EMAIL=${voteRequiresVerifiedEmail}`;
      summaries.push(await againstLocalStack(label, voteRequiresVerifiedEmail, workDir, fixtures, maxUploadBytes));
    }
    return verdict(...summaries);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Starts a throwaway stack, its mailbox and its organiser desk, runs the collection against them, and stops them. */
async function againstLocalStack(
  label: string,
  voteRequiresVerifiedEmail: string,
  workDir: string,
  fixtures: Promise<void>,
  maxUploadBytes: number,
): Promise<newman.NewmanRunSummary> {
  const started = Date.now();
  let stack: RunningStack | undefined;
  let mailbox: Mailbox | undefined;
  let desk: OrganiserDesk | undefined;
  try {
    stack = await startStack({
      env: {
        RATE_LIMIT_AUTH_MAX: '1000',
        VOTE_REQUIRES_VERIFIED_EMAIL: voteRequiresVerifiedEmail,
        FFMPEG_PRESET: 'ultrafast',
        UPLOAD_MAX_BYTES: String(maxUploadBytes),
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      },
    });
    mailbox = await serveMailbox(stack.dataDir);
    desk = await serveOrganiserDesk({ dataDir: stack.dataDir });
    await fixtures;
    console.log(`${label}: ready at ${stack.baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return await runCollection({
      label,
      baseUrl: stack.baseUrl,
      mailboxUrl: mailbox.url,
      deskUrl: desk.url,
      voteRequiresVerifiedEmail,
      workDir,
      report: `newman-verified-email-${voteRequiresVerifiedEmail}.xml`,
    });
  } finally {
    await desk?.close();
    await mailbox?.close();
    await stack?.stop();
  }
}

async function runCollection(run: {
  label: string;
  baseUrl: string;
  mailboxUrl?: string;
  /** The organiser desk; undefined: the requests that need an organiser are skipped. */
  deskUrl?: string;
  /** The setting the server is expected to run with, checked by the collection; undefined: not checked. */
  voteRequiresVerifiedEmail?: string;
  workDir: string;
  report: string;
}): Promise<newman.NewmanRunSummary> {
  const helpers = [run.mailboxUrl && 'a mailbox', run.deskUrl && 'an organiser desk'].filter(Boolean).join(' and ');
  console.log(`running the collection against ${run.label}${helpers ? `, with ${helpers}` : ''}`);
  const summary = await runNewman({
    collection: JSON.parse(readFileSync(collectionPath, 'utf8')),
    environment: JSON.parse(readFileSync(environmentPath, 'utf8')),
    envVar: [
      { key: 'base_url', value: run.baseUrl },
      { key: 'mailbox_url', value: run.mailboxUrl ?? '' },
      { key: 'organiser_desk_url', value: run.deskUrl ?? '' },
      { key: 'vote_requires_verified_email', value: run.voteRequiresVerifiedEmail ?? '' },
      ...fixtureSizes(run.workDir),
    ],
    workingDir: run.workDir,
    reporters: ['cli', 'junit'],
    reporter: { junit: { export: path.join(repoRoot, 'reports', run.report) } },
    timeoutRequest: 60_000,
  });
  const { assertions, requests } = summary.run.stats;
  console.log(
    `newman, ${run.label}: ${requests.total} requests, ${assertions.failed ?? 0} of ${assertions.total ?? 0} assertions failed; JUnit report in reports/${run.report}`,
  );
  return summary;
}

/** 0 when every run made assertions and none failed; prints the runner's last line, `N passed, N failed`. */
function verdict(...summaries: newman.NewmanRunSummary[]): number {
  let total = 0;
  let failed = 0;
  let runFailures = 0;
  for (const summary of summaries) {
    total += summary.run.stats.assertions.total ?? 0;
    failed += summary.run.stats.assertions.failed ?? 0;
    runFailures += summary.run.failures.length;
    if (!summary.run.stats.assertions.total) runFailures++;
  }
  console.log(`${total - failed} passed, ${failed} failed`);
  return failed === 0 && runFailures === 0 ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  return 1;
});
