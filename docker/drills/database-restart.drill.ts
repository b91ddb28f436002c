/**
 * PostgreSQL restarts while players upload and vote and the public reads: every answer is a success
 * or a 503 problem+json (never a 500), nothing acknowledged is lost, nothing half-done is left, and
 * the API containers recover without being restarted.
 * Needs the stack from `npm run docker:up -- --for-tests`.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { API, newPlayer, upload, uploadAccepted, videoOf, videosOf, vote, type Player } from './support/api.ts';
import { containersOf, docker, waitFor, waitHealthy } from './support/containers.ts';
import { orphanObjects } from './support/leftovers.ts';
import { smallVideo } from './support/videos.ts';

interface Answer {
  kind: 'vote' | 'upload' | 'read';
  status: number;
  contentType: string;
  code?: string;
}

const VOTERS = 24;
let owner: Player;
let target: string;
let voters: Player[];
let uploader: Player;
let video: string;

before(async () => {
  video = await smallVideo();
  // Four at a time: 26 bcrypt signups at once would only measure this 2-core machine.
  const players: Player[] = [];
  while (players.length < VOTERS + 2) {
    const batch = Math.min(4, VOTERS + 2 - players.length);
    players.push(...(await Promise.all(Array.from({ length: batch }, () => newPlayer('Cali')))));
  }
  [owner, uploader] = [players[0]!, players[1]!];
  voters = players.slice(2);
  target = await uploadAccepted(owner, video);
  await waitFor('the voted video to be published', async () =>
    (await videoOf(owner, target)).status === 'processed' ? true : undefined,
  );
});

async function answerOf(kind: Answer['kind'], response: Response): Promise<Answer> {
  const contentType = response.headers.get('content-type') ?? '';
  const body = await response.text();
  const code =
    contentType.includes('json') && body.startsWith('{') ? (JSON.parse(body) as { code?: string }).code : undefined;
  return { kind, status: response.status, contentType, ...(code ? { code } : {}) };
}

test('a database restart under uploads, votes and reads: 503 problem+json while it is down, nothing lost, no API restart', async (t) => {
  const apis = await containersOf('api');
  const startedAt = async () => docker('inspect', '--format', '{{.State.StartedAt}} {{.RestartCount}}', ...apis);
  const apisBefore = await startedAt();

  const answers: Answer[] = [];
  const voteAnswers = new Map<Player, number>();
  const acceptedUploads: string[] = [];
  let loading = true;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const votes = (async () => {
    for (const voter of voters) {
      if (!loading) break;
      const answer = await answerOf('vote', await vote(voter, target));
      voteAnswers.set(voter, answer.status);
      answers.push(answer);
      await pause(300);
    }
  })();
  const uploads = (async () => {
    while (loading) {
      const response = await upload(uploader, video);
      if (response.status === 201)
        acceptedUploads.push(((await response.clone().json()) as { video_id: string }).video_id);
      answers.push(await answerOf('upload', response));
      await pause(1_500);
    }
  })();
  const reads = (async () => {
    while (loading) {
      answers.push(await answerOf('read', await fetch(`${API}/public/videos?sort=votes&limit=5`)));
      await pause(100);
    }
  })();

  await pause(1_500);
  // A restart with a few seconds of outage, as an RDS reboot or failover gives.
  const [postgres] = await containersOf('postgres');
  await docker('stop', postgres!);
  await pause(4_000);
  await docker('start', postgres!);
  await waitHealthy(postgres!);
  await waitFor('the API to be ready again', async () =>
    (await fetch(`${API}/health/ready`)).status === 200 ? true : undefined,
  );
  await pause(2_000);
  loading = false;
  await Promise.all([votes, uploads, reads]);

  const failures = answers.filter((answer) => answer.status >= 500);
  const count = (kind: Answer['kind'], ok: boolean) =>
    answers.filter((answer) => answer.kind === kind && answer.status < 500 === ok).length;
  t.diagnostic(
    `${answers.length} requests; answered / 503: votes ${count('vote', true)}/${count('vote', false)}, ` +
      `uploads ${count('upload', true)}/${count('upload', false)}, reads ${count('read', true)}/${count('read', false)}`,
  );
  assert.ok(failures.length > 0, 'some requests met the outage (otherwise this drill proved nothing)');
  for (const failure of failures) {
    assert.equal(failure.status, 503, `a ${failure.kind} answered ${failure.status}`);
    assert.match(failure.contentType, /^application\/problem\+json/);
  }
  assert.equal(await startedAt(), apisBefore, 'no API container was restarted');

  // Votes: a voter told 503 tries again; whatever happened before, each voter's vote counts once.
  for (const voter of voters) {
    const status = voteAnswers.get(voter);
    if (status === undefined || status >= 500) {
      const retry = await vote(voter, target);
      assert.ok([200, 400].includes(retry.status), `retried vote answered ${retry.status}`);
    }
  }
  assert.equal((await videoOf(owner, target)).votes, VOTERS);

  // Uploads: exactly the acknowledged ones exist, and each is published.
  const recorded = (await videosOf(uploader)).map((video) => video.video_id).sort();
  assert.deepEqual(recorded, [...acceptedUploads].sort());
  assert.ok(acceptedUploads.length > 0);
  await waitFor(
    'every acknowledged upload to be published',
    async () => ((await videosOf(uploader)).every((video) => video.status === 'processed') ? true : undefined),
    300_000,
  );
  assert.deepEqual(await orphanObjects(), []);
});
