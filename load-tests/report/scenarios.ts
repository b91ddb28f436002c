/**
 * The runs `npm run load:report` makes, in order: the npm script, its arguments for a full run
 * (about 25 minutes in all on 2 cores, waits for a quiet machine included) and for a smoke
 * (`--quick`, a few minutes), and the result name each writes (saveResult's `name`).
 */
export interface ScenarioSpec {
  id: string;
  title: string;
  script: string;
  resultName: string;
  full: string[];
  /** Null: left out of `--quick` (the report keeps the last full run's figures). */
  quick: string[] | null;
}

export const SCENARIOS: readonly ScenarioSpec[] = [
  {
    id: 's1',
    title: 'Scenario 1: 4 MB uploads, 100 closed-loop users',
    script: 'load:s1',
    resultName: 'scenario1-4mb-ramp',
    full: ['--size', '4mb', '--phase', 'ramp', '--users', '100', '--ramp-seconds', '60', '--hold-seconds', '120'],
    quick: ['--size', '4mb', '--phase', 'ramp', '--users', '20', '--ramp-seconds', '5', '--hold-seconds', '15'],
  },
  {
    id: 'read-mix',
    title: 'Read-heavy mix under votes, and vote capacity spread vs hot',
    script: 'load:read-mix',
    resultName: 'read-mix',
    full: ['--seconds', '60', '--capacity-seconds', '15'],
    quick: ['--seconds', '8', '--capacity-seconds', '4'],
  },
  {
    id: 'login',
    title: 'Login against raw bcrypt',
    script: 'load:login',
    resultName: 'login-bcrypt',
    full: ['--seconds', '15'],
    quick: ['--seconds', '4'],
  },
  {
    id: 'memory',
    title: 'API memory under 20 concurrent 100 MB uploads',
    script: 'load:memory',
    resultName: 'upload-memory',
    full: ['--uploads', '20', '--size', '100mb', '--rounds', '2'],
    quick: ['--uploads', '4', '--size', '100mb', '--rounds', '1'],
  },
  {
    id: 'resumable',
    title: 'Resumable (tus) uploads cut once and resumed',
    script: 'load:resumable',
    resultName: 'resumable-uploads-50mb',
    full: ['--uploads', '10', '--size', '50mb'],
    quick: ['--uploads', '3', '--size', '50mb'],
  },
  {
    id: 'share',
    title: 'A shared video page, 1,000 visitors in a minute',
    script: 'load:share',
    resultName: 'share-page',
    full: ['--visitors', '1000', '--seconds', '60'],
    quick: ['--visitors', '150', '--seconds', '10'],
  },
  {
    id: 's2',
    title: 'Scenario 2: the worker, queue saturated',
    script: 'load:s2',
    resultName: 'scenario2-worker-saturation',
    full: ['--sizes', '50mb,100mb', '--concurrency', '1,2', '--videos', '4'],
    quick: ['--sizes', '50mb', '--concurrency', '2', '--videos', '2'],
  },
  {
    id: 'worker-bench',
    title: 'The worker against the bare-ffmpeg floor',
    script: 'bench:worker',
    resultName: 'worker-bench',
    full: [
      ...['--videos', '2', '--rounds', '1', '--batch-videos', '4', '--concurrency', '2'],
      ...['--e2e-videos', '4', '--e2e-rounds', '2'],
    ],
    quick: null,
  },
];
