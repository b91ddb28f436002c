import { containersOf, logRecordsOf } from './containers.ts';

export interface JobOutcome {
  container: string;
  result: unknown;
}

/** Every "video job done" record the worker containers logged for this video. */
export async function jobOutcomes(videoId: string): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const container of await containersOf('worker')) {
    for (const record of await logRecordsOf(container)) {
      if (record.msg === 'video job done' && record.videoId === videoId)
        outcomes.push({ container, result: record.result });
    }
  }
  return outcomes;
}
