import v8 from 'node:v8';

/** V8 14.8 made this behaviour its default and removed the flag; Node 24 ships V8 13.6. */
const FLAG = '--external-memory-accounted-in-global-limit';
const DEFAULT_FROM = [14, 8] as const;

/**
 * Makes V8 count the bytes that buffers hold (request bodies, file chunks) towards the limit that starts a
 * full collection, as part of the heap's own limit. By default V8 13 starts a mark-compact of the whole heap
 * every 64 MB allocated in buffers, dead or alive: several a second while uploads stream in (ADR 35).
 * Call it first thing in a process's entry point. Returns whether the flag was set (not on a V8 that has
 * this behaviour built in).
 */
export function accountBuffersInHeapLimit(): boolean {
  if (v8AccountsBuffersByDefault(process.versions.v8)) return false;
  v8.setFlagsFromString(FLAG);
  return true;
}

/** Whether this V8 version (`process.versions.v8`) has the behaviour without the flag. */
export function v8AccountsBuffersByDefault(v8Version: string): boolean {
  const [major = 0, minor = 0] = v8Version.split('.').map(Number);
  return major > DEFAULT_FROM[0] || (major === DEFAULT_FROM[0] && minor >= DEFAULT_FROM[1]);
}
