import type { VideoStatus } from '../domain/video.ts';

export interface OwnVideo {
  id: string;
  title: string;
  status: VideoStatus;
  uploadedAt: Date;
  processedAt: Date | null;
  processedKey: string | null;
  posterKey: string | null;
  failureReason: string | null;
  /** The encoder's progress (0–100) while processing, null otherwise. */
  progress: number | null;
  /** Why an organiser hid it, while hidden. */
  hiddenReason: string | null;
  /** Its counted votes (0 until published). */
  votes: number;
}

export interface VideoDetail extends OwnVideo {
  ownerId: string;
  originalKey: string;
  votes: number;
}

export interface PublishedVideo {
  id: string;
  title: string;
  playerName: string;
  city: string;
  country: string;
  processedKey: string;
  posterKey: string | null;
  votes: number;
  uploadedAt: Date;
  /** Only computed when a viewer is known. */
  votedByViewer: boolean | undefined;
}

/** One published video as its own page shows it. */
export interface PublishedVideoPage extends PublishedVideo {
  ownerId: string;
}

export interface PublishedVideoQuery {
  cityKey: string | undefined;
  sort: 'votes' | 'recent';
  limit: number;
  offset: number;
  viewerId: string | undefined;
}

export type DeleteOutcome = 'deleted' | 'published' | 'not_owner' | 'missing';

export interface VideoRepository {
  insert(video: { id: string; ownerId: string; title: string; originalKey: string }): Promise<void>;
  /** Newest first. */
  listByOwner(ownerId: string): Promise<OwnVideo[]>;
  findDetail(id: string): Promise<VideoDetail | undefined>;
  /** Removes the row only while it is not published and only for its owner. */
  deleteUnpublished(id: string, ownerId: string): Promise<DeleteOutcome>;
  /** Undoes `insert` when a later step of the upload fails. */
  remove(id: string): Promise<void>;
  listPublished(query: PublishedVideoQuery): Promise<{ items: PublishedVideo[]; total: number }>;
  /** The video while it is published; undefined when unknown, unpublished, hidden or deleted. */
  findPublished(id: string, viewerId: string | undefined): Promise<PublishedVideoPage | undefined>;
}
