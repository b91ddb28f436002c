import type { UploadRules } from '@anb/core/upload-rules';
import { callApi } from './http.ts';

/** The contest rules this deployment enforces, with their one-sentence summary. */
export interface AnnouncedUploadRules extends UploadRules {
  summary: string;
}

interface UploadRulesAnswer {
  max_bytes: number;
  min_seconds: number;
  max_seconds: number;
  min_short_side: number;
  summary: string;
}

/** The rules come from the API (its configuration), so the browser never checks against stale constants. */
export async function fetchUploadRules(signal?: AbortSignal): Promise<AnnouncedUploadRules> {
  const { data } = await callApi<UploadRulesAnswer>('/api/upload-rules', { signal });
  return {
    maxBytes: data.max_bytes,
    minSeconds: data.min_seconds,
    maxSeconds: data.max_seconds,
    minShortSide: data.min_short_side,
    summary: data.summary,
  };
}
