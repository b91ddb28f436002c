/** Feeds complete lines to `onLine` as chunks arrive; a trailing partial line waits for the next chunk or `end`. */
export function createLineSplitter(onLine: (line: string) => void): { push(chunk: string): void; end(): void } {
  let pending = '';
  return {
    push(chunk) {
      const parts = (pending + chunk).split(/\r?\n|\r/);
      pending = parts.pop() ?? '';
      for (const line of parts) if (line !== '') onLine(line);
    },
    end() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}

/** Keeps only the last `limit` lines seen. */
export function createLineTail(limit: number): { add(line: string): void; lines(): string[] } {
  const kept: string[] = [];
  return {
    add(line) {
      kept.push(line);
      if (kept.length > limit) kept.shift();
    },
    lines: () => [...kept],
  };
}
