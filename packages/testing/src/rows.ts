import type { Kysely } from 'kysely';
import { newId, type VideoStatus } from '@anb/core';
import type { Database } from '@anb/db';

/** Rows written straight to the database, for tests of what reads them. */
export async function insertPlayer(
  db: Kysely<Database>,
  options: { city?: string; cityKey?: string; votesReceived?: number } = {},
): Promise<string> {
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      first_name: 'Jugador',
      last_name: id.slice(-6),
      email: `${id}@example.com`,
      password_hash: 'not-a-real-hash',
      city: options.city ?? 'Bogotá',
      city_key: options.cityKey ?? 'bogota',
      country: 'Colombia',
      votes_received: options.votesReceived ?? 0,
    })
    .execute();
  return id;
}

/** A video in the given state; a processed one has its outputs' keys, as the worker leaves it. */
export async function insertVideo(
  db: Kysely<Database>,
  ownerId: string,
  status: VideoStatus,
  title = 'Jugada',
): Promise<string> {
  const id = newId();
  await db
    .insertInto('videos')
    .values({
      id,
      owner_id: ownerId,
      title,
      status,
      original_key: `uploaded/${id}.mp4`,
      processed_key: status === 'processed' ? `processed/${id}.mp4` : null,
      poster_key: status === 'processed' ? `processed/${id}.jpg` : null,
      processed_at: status === 'processed' ? new Date() : null,
    })
    .execute();
  return id;
}
