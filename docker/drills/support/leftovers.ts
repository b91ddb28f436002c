import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { containersOf, docker, waitFor } from './containers.ts';

/** The emulated S3 as the host reaches it (compose publishes it on loopback). */
const s3 = new S3Client({
  region: 'us-east-1',
  endpoint: process.env.ANB_S3_URL ?? 'http://127.0.0.1:4566',
  forcePathStyle: true,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const BUCKET = 'anb-media';

/** Runs SQL in the stack's PostgreSQL and returns the rows' first column. */
export async function sql(query: string): Promise<string[]> {
  const [postgres] = await containersOf('postgres');
  const out = await docker('exec', postgres!, 'psql', '-U', 'anb', '-d', 'anb', '-At', '-c', query);
  return out.split('\n').filter(Boolean);
}

async function objectKeys(): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** Stored objects whose video has no row: what a half-recorded upload or a lost compensation leaves. */
export async function orphanObjects(): Promise<string[]> {
  const [keys, ids] = await Promise.all([objectKeys(), sql('select id from videos')]);
  const known = new Set(ids);
  return keys.filter((key) => {
    const id = /^(?:uploaded|processed)\/([^/.]+)\./.exec(key)?.[1];
    return id !== undefined && !known.has(id);
  });
}

/** Waits until no video is queued or rendering, so a drill's job is the only one the workers run. */
export async function waitForIdleWorkers(timeoutMs = 300_000): Promise<void> {
  await waitFor(
    'the workers to finish the videos already queued',
    async () =>
      (await sql("select count(*) from videos where status in ('uploaded', 'processing')"))[0] === '0'
        ? true
        : undefined,
    timeoutMs,
  );
}
