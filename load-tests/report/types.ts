/** Raw result JSON as the scenario scripts write it; each reader checks what it uses. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface LoadFigures {
  /** 1-minute load average when the run started; null for results older than the field. */
  before: number | null;
  /** The machine's 1-minute load average during the run, everything included. */
  duringMean: number | null;
  duringMax: number | null;
  /** Runnable threads outside the run's own processes; null for results older than the field. */
  othersMean: number | null;
  othersMax: number | null;
}

export interface RunRecord {
  file: string;
  name: string;
  finishedAt: string;
  commit: string | null;
  treeDirty: boolean | null;
  profile: string;
  cores: number;
  load: LoadFigures;
  /** Left out of the tables, and why; null when the run is used. */
  leftOutBecause: string | null;
  data: Json;
}

/** One row of the targets table. */
export interface TargetVerdict {
  target: string;
  figure: string;
  verdict: 'met' | 'missed' | 'not measured' | 'not judged';
  run: string;
}

/** What the runner saw of the machine at the start of `npm run load:report`. */
export interface MachineHeader {
  date: string;
  commit: string;
  treeDirty: boolean;
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  ffmpeg: string;
  postgres: string;
  profile: string;
  /** Scenarios of that invocation that exited with an error (their sections keep an earlier run, if any). */
  failed?: string[];
  /** Scenarios that invocation ran; the other sections come from earlier ones. */
  ran?: string[];
}
