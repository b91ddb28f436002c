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

export const voteCounted = z.object({ message: z.string() });

export const rankingsQuery = z.object({ city, ...page });

export const rankedPlayer = z.object({
  position: z.number().int(),
  username: z.string(),
  city: z.string(),
  votes: z.number().int(),
});
