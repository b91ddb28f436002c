import type { UploadRules } from '@anb/core';
import type { Config } from './schema.ts';

/** The contest rules this deployment enforces, as the API, the worker and (through the API) the web app see them. */
export function uploadRulesOf(config: Config): UploadRules {
  return {
    maxBytes: config.UPLOAD_MAX_BYTES,
    minSeconds: config.VIDEO_MIN_SECONDS,
    maxSeconds: config.VIDEO_MAX_SECONDS,
    minShortSide: config.VIDEO_MIN_SHORT_SIDE,
  };
}
