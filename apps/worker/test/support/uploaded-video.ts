import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { newId, objectKeys } from '@anb/core';
import type { Runtime } from '@anb/runtime';

/** An uploaded video as the API leaves it: original stored, row recorded, task queued. */
export async function uploadedVideo(
  runtime: Pick<Runtime, 'db' | 'store' | 'queue' | 'tmpDir'>,
  ownerId: string,
  source: string,
): Promise<string> {
  const id = newId();
  const staged = path.join(runtime.tmpDir, `${id}.upload`);
  await copyFile(source, staged);
  await runtime.store.putFile(objectKeys.original(id), staged, 'video/mp4');
  await runtime.db
    .insertInto('videos')
    .values({ id, owner_id: ownerId, title: 'Jugada', original_key: objectKeys.original(id) })
    .execute();
  await runtime.queue.publish({ videoId: id });
  return id;
}
