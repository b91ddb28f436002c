import { z } from 'zod';
import { plainString } from './text.ts';

const page = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
const city = plainString().trim().min(1).max(100).optional();

export const publicVideosQuery = z.object({
  city,
  sort: z.enum(['votes', 'recent']).default('recent'),
  ...page,
});

export const publicVideo = z.object({
  video_id: z.string(),
  title: z.string(),
  player_name: z.string(),
  city: z.string(),
  country: z.string(),
  processed_url: z.string(),
  /** Ours: the showcase clip's still frame, null when the worker made none. */
  poster_url: z.string().nullable(),
  votes: z.number().int(),
  uploaded_at: z.iso.datetime(),
  voted_by_me: z.boolean().optional(),
});

/** Ours: one published video, as its page `/v/{id}` shows it. */
export const publicVideoPage = publicVideo.extend({
  position: z.number().int().nullable().meta({
    description: 'Posición del jugador en el ranking de su ciudad; null mientras no tiene votos contados.',
  }),
  page_url: z.string().meta({ description: 'La dirección para compartir este video.' }),
  is_mine: z.boolean().optional().meta({ description: 'Con token: si el video es del usuario que pregunta.' }),
});

export const voteCounted = z.object({ message: z.string() });

export const rankingsQuery = z.object({
  city,
  ...page,
  /** Ours: `video_id` adds each player's most voted video to the rows, for links to its page. */
  include: z.literal('video_id').optional(),
});

export const rankedPlayer = z.object({
  position: z.number().int(),
  username: z.string(),
  city: z.string(),
  votes: z.number().int(),
  /** Ours, with `include=video_id`: the player's most voted published video, which the row links to. */
  video_id: z.string().nullable().optional(),
});

/** Ours: the cities accounts come from, to suggest while typing one. */
export const knownCity = z.object({
  city: z.string(),
  people: z.number().int(),
});
