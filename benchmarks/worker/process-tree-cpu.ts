import { readdirSync, readFileSync } from 'node:fs';
import { clockTicks } from './measure.ts';

/** One process's CPU counters from /proc/<pid>/stat, in seconds. */
interface ProcessCpu {
  pid: number;
  parent: number;
  command: string;
  /** utime + stime: the process's own threads. */
  own: number;
  /** cutime + cstime: the children it has waited for (ffmpeg after Node reaped it, PostgreSQL backends). */
  reaped: number;
}

/** CPU seconds of a process tree at one moment, split by what the processes are. */
export interface TreeCpu {
  /** The product's Node process itself: API, worker loop, uploads, JSON, logging. */
  node: number;
  /** ffmpeg and ffprobe: the live ones plus those Node has reaped. */
  media: number;
  /** The embedded PostgreSQL: its server, its live backends and the backends it has reaped. */
  database: number;
  /** Any other process the product started. */
  other: number;
  total: number;
}

function readProcess(pid: number): ProcessCpu | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // After ") ": field 3 (state) is index 0, so ppid (4) is 1, utime (14) 11, stime 12, cutime 13, cstime 14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = (index: number) => Number(fields[index]) / clockTicks;
    return {
      pid,
      parent: Number(fields[1]),
      command,
      own: ticks(11) + ticks(12),
      reaped: ticks(13) + ticks(14),
    };
  } catch {
    return undefined; // exited meanwhile
  }
}

/**
 * The CPU time of `rootPid` and every live descendant, own and reaped. The difference of two readings is the
 * tree's CPU time between them: a child that exits in between moves from "live" to its parent's reaped
 * counters whole, so its time before the first reading cancels out. Linux only.
 */
export function readTreeCpu(rootPid: number): TreeCpu {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((info): info is ProcessCpu => info !== undefined);
  const children = new Map<number, ProcessCpu[]>();
  for (const info of all) children.set(info.parent, [...(children.get(info.parent) ?? []), info]);
  const root = all.find((info) => info.pid === rootPid);
  if (!root) throw new Error(`process ${rootPid} is gone`);

  const cpu: TreeCpu = { node: root.own, media: 0, database: 0, other: 0, total: 0 };
  // Node's reaped children are its ffmpeg and ffprobe runs (the database server is a live child until it stops).
  cpu.media += root.reaped;
  const visit = (info: ProcessCpu, kind: 'media' | 'database' | 'other') => {
    cpu[kind] += info.own + info.reaped;
    for (const child of children.get(info.pid) ?? []) visit(child, kind);
  };
  for (const child of children.get(rootPid) ?? []) visit(child, kindOf(child.command));
  cpu.total = cpu.node + cpu.media + cpu.database + cpu.other;
  return cpu;
}

function kindOf(command: string): 'media' | 'database' | 'other' {
  if (command.startsWith('ffmpeg') || command.startsWith('ffprobe')) return 'media';
  return command.startsWith('postgres') ? 'database' : 'other';
}

export function cpuBetween(before: TreeCpu, after: TreeCpu): TreeCpu {
  return {
    node: after.node - before.node,
    media: after.media - before.media,
    database: after.database - before.database,
    other: after.other - before.other,
    total: after.total - before.total,
  };
}
