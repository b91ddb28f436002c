import { open, type FileHandle } from 'node:fs/promises';
import type { VideoInspection, VideoInspector } from '@anb/core';
import { readBoxHeader } from './boxes.ts';
import { fragmentedTrackDuration, trexDefaultDuration } from './fragments.ts';
import { readMovie, type MovieFacts, type TrackFacts } from './movie-header.ts';

/** The movie header of a real upload is kilobytes; anything near this is not a video we accept. */
const MAX_MOOV_BYTES = 32 * 1024 * 1024;
/** Fragment headers read to time a fragmented file whose moov does not know its duration. */
const MAX_MOOF_BYTES = 32 * 1024 * 1024;
/** Brands of the QuickTime format, which shares MP4's box structure but is not MP4. */
const NON_MP4_BRANDS = new Set(['qt  ']);

/**
 * Tells whether a file is a complete MP4 with a video track, and its duration and size,
 * by walking the box structure: it reads headers and the movie box only, never the media,
 * so it costs a few small reads whatever the file size.
 */
export async function inspectMp4(filePath: string): Promise<VideoInspection> {
  const file = await open(filePath, 'r');
  try {
    const { size } = await file.stat();
    const head = await readAt(file, 0, 12);
    if (head.length < 12 || head.toString('latin1', 4, 8) !== 'ftyp') return { kind: 'not_mp4' };
    if (NON_MP4_BRANDS.has(head.toString('latin1', 8, 12))) return { kind: 'not_mp4' };
    return await inspectBoxes(file, size);
  } finally {
    await file.close();
  }
}

async function inspectBoxes(file: FileHandle, size: number): Promise<VideoInspection> {
  let offset = 0;
  let moov: Buffer | undefined;
  let hasMedia = false;
  const moofs: Buffer[] = [];
  let moofBytes = 0;
  while (offset < size) {
    const header = readBoxHeader(await readAt(file, offset, 16), 0, size - offset);
    if (!header || header.size < header.headerSize) return unreadable(`malformed box at byte ${offset}`);
    if (offset + header.size > size) return unreadable(`the ${header.type} box is cut short (truncated file)`);
    if (header.type === 'moov') {
      if (header.size > MAX_MOOV_BYTES) return unreadable('movie header too large');
      moov = await readAt(file, offset + header.headerSize, header.size - header.headerSize);
    }
    if (header.type === 'mdat' || header.type === 'moof') hasMedia = true;
    if (header.type === 'moof') {
      moofBytes += header.size;
      if (moofBytes > MAX_MOOF_BYTES) return unreadable('fragment headers too large');
      moofs.push(await readAt(file, offset + header.headerSize, header.size - header.headerSize));
    }
    offset += header.size;
  }
  if (!moov) return unreadable('no movie header (moov)');
  if (!hasMedia) return unreadable('no media data (mdat)');
  return describeMovie(moov, moofs);
}

function describeMovie(moov: Buffer, moofs: Buffer[]): VideoInspection {
  const movie = readMovie(moov);
  const video = movie.tracks.find((track) => track.handler === 'vide');
  if (!video && movie.tracks.some((track) => track.handler === 'soun')) return { kind: 'no_picture' };
  if (!video) return unreadable('no video track');
  if (video.width === 0 || video.height === 0) return unreadable('video track without dimensions');
  if (video.sampleCount === 0 && !movie.fragmented) return unreadable('video track without frames');
  const durationSeconds = video.durationSeconds ?? movie.durationSeconds ?? fragmentsDuration(movie, video, moofs);
  if (durationSeconds === undefined) return unreadable('unknown duration');
  return { kind: 'video', durationSeconds, width: video.width, height: video.height };
}

function fragmentsDuration(movie: MovieFacts, video: TrackFacts, moofs: Buffer[]): number | undefined {
  if (!movie.fragmented || video.timescale === 0) return undefined;
  const defaultDuration = trexDefaultDuration(movie.trackExtends, video.trackId);
  const ticks = fragmentedTrackDuration(moofs, video.trackId, defaultDuration);
  return ticks === undefined ? undefined : ticks / video.timescale;
}

const unreadable = (reason: string): VideoInspection => ({ kind: 'unreadable', reason });

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The upload check of the API: content, not name or declared type. */
export class Mp4Inspector implements VideoInspector {
  inspect(filePath: string): Promise<VideoInspection> {
    return inspectMp4(filePath);
  }
}
