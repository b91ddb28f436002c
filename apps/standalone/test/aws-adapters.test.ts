import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApi } from '@anb/api';
import { loadConfig } from '@anb/config';
import { locateMediaTools } from '@anb/media';
import { openRuntime, type Runtime } from '@anb/runtime';
import { startWorker, type RunningWorker } from '@anb/worker';
import { createTestDatabase, type TestDatabase } from '@anb/testing/database';
import { mp4Fixture } from '@anb/testing/mp4';
import { uploadForm } from '@anb/testing/multipart';
import { newPlayer } from '@anb/testing/players';
import { waitFor } from '@anb/testing/wait-for';

const run = promisify(execFile);

let emulator: FauxqsServer;
let testDb: TestDatabase;
let dataDir: string;
let runtime: Runtime;
let api: FastifyInstance;
let worker: RunningWorker;
let sqs: SQSClient;
let dlqUrl: string;

/** The production column of the architecture — S3 and SQS over their wire protocols — against an in-process emulator. */
beforeAll(async () => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  emulator = await startFauxqs({ port: 0, logger: false });
  const endpoint = `http://127.0.0.1:${emulator.port}`;
  const s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'anb-videos' }));
  s3.destroy();
  sqs = new SQSClient({ region: 'us-east-1', endpoint });
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'anb-jobs-dlq' }));
  dlqUrl = dlq.QueueUrl as string;
  const dlqArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes?.QueueArn;
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: 'anb-jobs',
      Attributes: {
        VisibilityTimeout: '120',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5 }),
      },
    }),
  );

  testDb = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'anb-aws-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: testDb.connectionString,
    STORAGE: 's3',
    S3_BUCKET: 'anb-videos',
    S3_ENDPOINT: endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    QUEUE: 'sqs',
    SQS_QUEUE_URL: queue.QueueUrl as string,
    SQS_DLQ_URL: dlqUrl,
    SQS_ENDPOINT: endpoint,
    JWT_SECRET: 'x'.repeat(40),
    BCRYPT_COST: '4',
    VIDEO_MIN_SECONDS: '1',
    VIDEO_MIN_SHORT_SIDE: '300',
    FFMPEG_PRESET: 'ultrafast',
  });
  runtime = await openRuntime(config, () => {});
  api = await createApi(config, runtime);
  worker = startWorker(config, runtime, { info: () => {}, error: () => {} });
});

afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await runtime?.close();
  await testDb?.drop();
  sqs?.destroy();
  await emulator?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

// Real renders: a busy machine can take several times as long as an idle one, so the limit is generous.
describe('API and worker on S3 and SQS', { timeout: 180_000 }, () => {
  it('are ready when bucket and queue answer', async () => {
    const response = await api.inject({ method: 'GET', url: '/api/health/ready' });
    expect(response.json()).toEqual({ status: 'ready', checks: { database: 'ok', storage: 'ok', queue: 'ok' } });
  });

  it('upload → SQS message → worker renders from S3 → published clip downloadable by presigned URL', async () => {
    const player = await newPlayer(api);
    const form = await uploadForm(await mp4Fixture({ width: 640, height: 360, seconds: 3, fps: 15 }));
    const uploaded = await api.inject({
      method: 'POST',
      url: '/api/videos/upload',
      payload: form.payload,
      headers: { ...form.headers, ...player.auth },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const { video_id } = uploaded.json();

    const detail = await waitFor(async () => {
      const response = (
        await api.inject({ method: 'GET', url: `/api/videos/${video_id}`, headers: player.auth })
      ).json();
      return response.status === 'processed' ? response : undefined;
    });

    expect(detail.processed_url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${emulator.port}/anb-videos/processed/${video_id}\\.mp4\\?`),
    );
    const download = await fetch(detail.processed_url);
    expect(download.status).toBe(200);
    const file = path.join(dataDir, 'downloaded.mp4');
    await writeFile(file, Buffer.from(await download.arrayBuffer()));
    // The ffprobe the worker uses: the system's, or the npm package's where the machine has none.
    const { stdout } = await run(locateMediaTools().ffprobePath, [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,width,height',
      '-of',
      'csv=p=0',
      file,
    ]);
    expect(stdout.trim()).toBe('video,1280,720');
    expect((await readFile(file)).length).toBeGreaterThan(0);
  });

  it('counts the dead-letter queue in the queue depth (SQS_DLQ_URL)', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: JSON.stringify({ videoId: 'gone' }) }));
    // SQS counts are approximate and may lag a moment behind the send.
    const depth = await waitFor(async () => {
      const current = await runtime.queue.depth();
      return current.dead > 0 ? current : undefined;
    });
    expect(depth).toMatchObject({ dead: 1 });
  });
});
