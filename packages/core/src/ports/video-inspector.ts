import type { VideoInspection } from '../domain/upload-rules.ts';

/** Reads what a file really is from its content, never from its name or declared type. */
export interface VideoInspector {
  inspect(filePath: string): Promise<VideoInspection>;
}
