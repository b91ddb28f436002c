/** The concat demuxer's list file; quotes inside paths are escaped the way ffconcat expects. */
export function buildConcatList(partPaths: readonly string[]): string {
  const lines = partPaths.map((path) => `file '${path.replaceAll("'", "'\\''")}'`);
  return ['ffconcat version 1.0', ...lines, ''].join('\n');
}

/** Joins parts that share encoder parameters without re-encoding them. */
export function buildJoinCommand(listPath: string, outputPath: string): string[] {
  return [
    ['-f', 'concat'],
    // The list holds absolute paths (the bumper cache lives outside the work dir).
    ['-safe', '0'],
    ['-i', listPath],
    ['-map', '0:v:0'],
    ['-c', 'copy'],
    '-an',
    ['-map_metadata', '-1'],
    ['-movflags', '+faststart'],
    outputPath,
  ].flat();
}
