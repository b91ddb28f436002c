import type { Kysely } from 'kysely';
import { newId } from '@anb/core';
import type { Database } from '@anb/db';

/** A published video written straight to the database, as the worker leaves it. */
export async function insertPublishedVideo(
  db: Kysely<Database>,
  ownerId: string,
  title = 'Publicado',
): Promise<string> {
  const id = newId();
  await db
    .insertInto('videos')
    .values({
      id,
      owner_id: ownerId,
      title,
      status: 'processed',
      original_key: `uploaded/${id}.mp4`,
      processed_key: `processed/${id}.mp4`,
      poster_key: `processed/${id}.jpg`,
      processed_at: new Date(),
    })
    .execute();
  return id;
}
