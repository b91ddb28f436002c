/** One JPEG frame of an already-rendered 1280x720 video, for galleries. */
export function buildPosterCommand(sourcePath: string, atSeconds: number, posterPath: string): string[] {
  return [
    // Before -i: seeks the input instead of decoding up to the frame.
    ['-ss', atSeconds.toFixed(3)],
    ['-i', sourcePath],
    ['-frames:v', '1'],
    '-an',
    ['-q:v', '3'],
    // A single image, not a numbered sequence.
    ['-update', '1'],
    posterPath,
  ].flat();
}
