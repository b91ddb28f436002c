/**
 * PostgreSQL dies with SIGKILL while votes flow (a power cut, not a clean restart): once it is back, every vote
 * that was answered 200 is there, and every counter equals its rows once the tally has run.
 * Needs the stack from `npm run docker:up -- --for-tests`.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { API, newPlayer, uploadAccepted, videoOf, vote, type Player } from './support/api.ts';
import { containersOf, docker, waitFor, waitHealthy } from './support/containers.ts';
import { sql } from './support/leftovers.ts';
import { smallVideo } from './support/videos.ts';

const VOTERS = 80;
/** The kill comes once this many votes were answered, while others are still being sent. */
const KILL_AFTER = 30;
let owner: Player;
let target: string;
let voters: Player[];

before(async () => {
  // Four at a time: many bcrypt signups at once would only measure this 2-core machine.
  const players: Player[] = [];
  while (players.length < VOTERS + 1) {
    const batch = Math.min(4, VOTERS + 1 - players.length);
    players.push(...(await Promise.all(Array.from({ length: batch }, () => newPlayer('Pereira')))));
  }
  [owner] = players as [Player];
  voters = players.slice(1);
  target = await uploadAccepted(owner, await smallVideo());
  await waitFor('the voted video to be published', async () =>
    (await videoOf(owner, target)).status === 'processed' ? true : undefined,
  );
});

test('a SIGKILL of PostgreSQL while votes flow: every vote answered 200 survives, counters equal rows', async (t) => {
  const [postgres] = await containersOf('postgres');
  const answered: Player[] = [];
  let killed: Promise<string> | undefined;
  const queue = [...voters];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let voter = queue.shift(); voter && !killed; voter = queue.shift()) {
        const status = await vote(voter, target).then(
          (response) => response.status,
          () => 0,
        );
        if (status === 200) answered.push(voter);
        if (answered.length >= KILL_AFTER && !killed) killed = docker('kill', '--signal', 'KILL', postgres!);
      }
    }),
  );
  await killed;
  await docker('start', postgres!);
  await waitHealthy(postgres!);
  await waitFor('the API to be ready again', async () =>
    (await fetch(`${API}/health/ready`)).status === 200 ? true : undefined,
  );

  const emailsWithVotes = new Set(
    await sql(`select u.email from votes v join users u on u.id = v.user_id where v.video_id = '${target}'`),
  );
  t.diagnostic(`${answered.length} votes answered 200 before the kill; ${emailsWithVotes.size} vote rows after`);
  assert.ok(answered.length >= KILL_AFTER);
  assert.deepEqual(
    answered.filter((voter) => !emailsWithVotes.has(voter.email)).map((voter) => voter.email),
    [],
    'votes answered 200 and lost',
  );

  await waitFor('the tally to empty its queue', async () =>
    (await sql('select count(*) from uncounted_votes'))[0] === '0' ? true : undefined,
  );
  const owned = `(select owner_id from videos where id = '${target}')`;
  const [counts = ''] = await sql(
    `select concat_ws(',', (select votes from videos where id = '${target}'),
       (select votes_received from users where id = ${owned}),
       (select count(*) from player_voters where player_id = ${owned}))`,
  );
  const [videoVotes, playerVoters, voterRows] = counts.split(',');
  assert.equal(Number(videoVotes), emailsWithVotes.size, "the video's counter equals its vote rows");
  assert.equal(Number(playerVoters), Number(voterRows), "the player's counter equals their voters");
  assert.equal(Number(voterRows), emailsWithVotes.size, 'one video: one voter per vote');
  assert.equal((await videoOf(owner, target)).votes, emailsWithVotes.size);
});
