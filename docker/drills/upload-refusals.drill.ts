/**
 * Every refusal the API sends before it has read an upload's body reaches, through nginx, a client
 * that is still sending that body: 401 (no token, a forged, an expired and an orphaned one), 400
 * FILE_TOO_LARGE, 413, 415 and 429, on the multipart endpoint and on the tus endpoints (creation with
 * upload, PATCH). Each is sent with bodies of 1 MB, 20 MB and the limit plus 1 MB (101 MB on the
 * stack; the size refusals also with twice the limit), declared (Content-Length) and chunked, by
 * Node's fetch and by curl (with no `Expect: 100-continue`, so the body is on its way when the answer
 * comes). What must hold: an answer, never a reset or nginx's own page, with the API's status,
 * problem+json, code and Spanish text. The cases and the clients are shared with the API's route-level
 * test (`@anb/testing/upload-refusals`).
 * Needs the stack from `npm run docker:up -- --for-tests` and curl on the PATH.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  createBodies,
  deleteOwnUpload,
  ownUploadOffset,
  prepareRefusals,
  refusalCases,
  sendEverywhere,
  type Bodies,
  type RefusalContext,
} from '@anb/testing/upload-refusals';
import { API, newPlayer } from './support/api.ts';
import { containersOf, docker } from './support/containers.ts';

let context: RefusalContext | undefined;
let bodies: Bodies | undefined;

before(async () => {
  const [player, spent, secret] = await Promise.all([newPlayer(), newPlayer(), jwtSecret()]);
  context = await prepareRefusals(API, secret, player, spent);
  bodies = await createBodies(context.maxBytes, { twiceTheLimit: true });
});

after(async () => {
  if (context) await deleteOwnUpload(context);
  await bodies?.remove();
});

/** The stack's JWT secret, as the API containers have it. */
async function jwtSecret(): Promise<string> {
  const [api] = await containersOf('api');
  const env = JSON.parse(await docker('inspect', '--format', '{{json .Config.Env}}', api!)) as string[];
  const line = env.find((entry) => entry.startsWith('JWT_SECRET='));
  assert.ok(line, 'the API containers have a JWT_SECRET');
  return line.slice('JWT_SECRET='.length);
}

for (const refusal of refusalCases) {
  test(refusal.title, async (t) => {
    const { shape, expected } = refusal.request(context!);
    const tally = await sendEverywhere(shape, expected, refusal.overLimit ? bodies!.overLimit : bodies!.sizes, {
      maxBytes: context!.maxBytes,
    });
    for (const note of tally.notes) t.diagnostic(note);
    t.diagnostic(`${tally.answered} answered as expected, ${tally.failures.length} not`);
    assert.deepEqual(tally.failures, [], `expected ${expected.status} ${expected.code}`);
  });
}

test('the refusals left the upload as it was', async () => {
  assert.deepEqual(await ownUploadOffset(context!), { status: 200, offset: '0' });
});
