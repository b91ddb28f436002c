import { z } from 'zod';
import { videoStatuses } from '@anb/core';

const timestamp = z.iso.datetime();

/** Ours, additive: present only while `status` is `processing`. */
const progress = z.number().int().min(0).max(100).optional().meta({
  description: 'Avance del procesamiento (0–100); solo mientras el estado es `processing`.',
});

/** Ours, additive: why an organiser hid the video; present only while `status` is `hidden`. */
const hiddenReason = z.string().optional().meta({
  description: 'Motivo por el que el equipo organizador ocultó el video; solo mientras el estado es `hidden`.',
});

/** Ours, additive: present only while `status` is `processed` (published). */
const whilePublished = {
  votes: z.number().int().optional().meta({ description: 'Votos contados; solo mientras el video está publicado.' }),
  position: z.number().int().nullable().optional().meta({
    description: 'Posición del jugador en el ranking de su ciudad (null sin votos); solo mientras está publicado.',
  }),
  page_url: z.string().optional().meta({ description: 'Página pública del video, para compartir.' }),
};

// Any string: an id that is not one of ours is answered "not found", never a 400.
export const videoIdParams = z.object({ video_id: z.string() });

export const uploadAccepted = z.object({ message: z.string(), task_id: z.string(), video_id: z.string() });

export const ownVideo = z.object({
  video_id: z.string(),
  title: z.string(),
  status: z.enum(videoStatuses),
  uploaded_at: timestamp,
  processed_at: timestamp.nullable(),
  processed_url: z.string().nullable(),
  /** Ours: the showcase clip's still frame, null until published. */
  poster_url: z.string().nullable(),
  failure_reason: z.string().optional(),
  progress,
  hidden_reason: hiddenReason,
  ...whilePublished,
});

export const videoDetail = z.object({
  video_id: z.string(),
  title: z.string(),
  status: z.enum(videoStatuses),
  uploaded_at: timestamp,
  processed_at: timestamp.nullable(),
  original_url: z.string(),
  processed_url: z.string().nullable(),
  votes: z.number().int(),
  failure_reason: z.string().optional(),
  progress,
  hidden_reason: hiddenReason,
});

export const videoDeleted = z.object({ message: z.string(), video_id: z.string() });
