/**
 * Resumable uploads under a dropped connection: N concurrent tus uploads of a 50 MB video (10 by
 * default), each cut once part-way (between 30 % and 70 % of the file, like a phone losing its
 * network) and resumed at once from the offset the server reports. Records the completion time of
 * each upload (creation to the final 204, the cut and the resume included), the bytes the server had
 * when each resumed, and the API process RSS sampled every 200 ms.
 *
 *   npm run load:resumable
 *   npm run load:resumable -- --uploads 20 --size 50mb --rounds 2
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Upload } from 'tus-js-client';
import { loadFixture, sizeOf, type LoadFixture } from '@anb/testing/sample-videos';
import { loggedInPlayers, rssMb, sampleRss, saveResult, startLocalEnvironment } from './lib/local-env.ts';
import { MachineSampler, summarise } from './lib/metrics.ts';
import { repoRoot } from '@anb/testing/stack';

const { values: args } = parseArgs({
  options: {
    uploads: { type: 'string', default: '10' },
    size: { type: 'string', default: '50mb' },
    rounds: { type: 'string', default: '1' },
  },
});

interface Outcome {
  status: number;
  completionMs: number;
  cutAtBytes: number;
  resumedFromBytes: number;
}

/** One upload: sends until `cutAt` bytes are out, drops the request, asks the server (HEAD) and finishes. */
async function cutAndResume(endpoint: string, token: string, video: Buffer, cutAt: number): Promise<Outcome> {
  const started = Date.now();
  const options = {
    endpoint,
    headers: { authorization: `Bearer ${token}` },
    metadata: { title: 'Carga reanudable', filename: 'jugada.mp4', filetype: 'video/mp4' },
    retryDelays: null,
    storeFingerprintForResuming: false,
  };
  // The first attempt: one PATCH for the whole file, as a browser sends it, aborted mid-way.
  const url = await new Promise<string>((resolve, reject) => {
    const upload: Upload = new Upload(video, {
      ...options,
      onProgress: (sent) => {
        if (sent >= cutAt && upload.url) void upload.abort().then(() => resolve(upload.url as string), reject);
      },
      onError: reject,
      onSuccess: () => reject(new Error('the upload finished before its cut')),
    });
    upload.start();
  });
  let resumedFromBytes = -1;
  const status = await new Promise<number>((resolve) => {
    const upload = new Upload(video, {
      ...options,
      uploadUrl: url,
      onAfterResponse: (request, response) => {
        if (request.getMethod() === 'HEAD') resumedFromBytes = Number(response.getHeader('upload-offset'));
      },
      onSuccess: ({ lastResponse }) => resolve(lastResponse.getStatus()),
      onError: () => resolve(0),
    });
    upload.start();
  });
  return { status, completionMs: Date.now() - started, cutAtBytes: cutAt, resumedFromBytes };
}

async function main() {
  const uploads = Number(args.uploads);
  const rounds = Number(args.rounds);
  const fixture = await loadFixture(repoRoot, args.size as LoadFixture);
  const video = readFileSync(fixture);
  const local = await startLocalEnvironment({ BCRYPT_COST: '4' });
  const sampler = new MachineSampler(local.stack.pid).start();
  const rss = sampleRss(local.stack.pid);
  try {
    const tokens = await loggedInPlayers(local, uploads, 'tus');
    const idle = rssMb(local.stack.pid);
    const started = Date.now();
    const outcomes: Outcome[] = [];
    for (let round = 0; round < rounds; round++) {
      const results = await Promise.all(
        tokens.map((token) => {
          const cutAt = Math.round(video.length * (0.3 + Math.random() * 0.4));
          return cutAndResume(`${local.baseUrl}/uploads`, token, video, cutAt);
        }),
      );
      outcomes.push(...results);
    }
    const finished = Date.now();
    rss.stop();
    const statuses: Record<string, number> = {};
    for (const outcome of outcomes) statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
    const completion = summarise(outcomes.map((outcome) => outcome.completionMs));
    // What a restart from zero would have sent again, and what the resume did send again.
    const resentBytes = outcomes.map((outcome) => Math.max(0, outcome.cutAtBytes - outcome.resumedFromBytes));
    const peak = rss.peakMb();
    const out = saveResult(`resumable-uploads-${args.size}`, {
      uploads,
      rounds,
      fileBytes: await sizeOf(fixture),
      statuses,
      completionMs: completion,
      resumedFromPercent: summarise(outcomes.map((outcome) => (100 * outcome.resumedFromBytes) / video.length)),
      resentBytesAfterCut: summarise(resentBytes),
      idleRssMb: Math.round(idle),
      peakRssMb: Math.round(peak),
      machine: sampler.window(started, finished),
      rss: rss.series(started),
    });
    console.log(
      `${uploads} concurrent ${args.size} tus uploads × ${rounds}, each cut once and resumed: statuses ${JSON.stringify(statuses)}, ` +
        `completion p50 ${completion.p50} ms, p95 ${completion.p95} ms; API RSS idle ${Math.round(idle)} MB, peak ${Math.round(peak)} MB`,
    );
    console.log(`result: ${out}`);
  } finally {
    rss.stop();
    sampler.stop();
    await local.stop();
  }
}

await main();
