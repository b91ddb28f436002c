import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uploadTexts } from '@anb/core';
import { anbLogoPath } from './assets.ts';
import { ensureBumpers } from './bumpers.ts';
import type { Bumpers } from './bumpers.ts';
import { buildClipCommand } from './clip-command.ts';
import { probeEncodedPart, probeEncodingSignature, signatureMismatches } from './encoding-signature.ts';
import type { EncodingSignature } from './encoding-signature.ts';
import { InvalidInputError, OutputVerificationError, ProbeError } from './errors.ts';
import { buildConcatList, buildJoinCommand } from './join-command.ts';
import { locateMediaTools } from './locate-binaries.ts';
import type { MediaTools } from './locate-binaries.ts';
import type { MediaInfo } from './media-info.ts';
import { buildOnePassCommand } from './one-pass-command.ts';
import { probe } from './probe.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import type { ShowcaseSettings, ShowcaseSettingsInput } from './settings.ts';
import { resolveShowcaseSettings } from './settings.ts';
import { showcaseFormat } from './showcase-format.ts';
import { validateInput } from './validate-input.ts';
import { findOutputProblems } from './verify-output.ts';

/**
 * The steps of a render, reported in this order as each starts: `probe` reads the upload, `bumpers` finds (or
 * renders) the cached bumpers, `clip` is the encode, `verify` the header checks before and after the join,
 * `join` the stream copy, `one-pass` the fallback.
 */
export type ShowcaseStage = 'probe' | 'bumpers' | 'waiting' | 'clip' | 'verify' | 'join' | 'one-pass';

/**
 * Waits for a turn to encode and resolves with the function that ends it. The encode is nearly all of a render's
 * CPU; a caller that renders several videos at once bounds the encodes running together with it, while the
 * steps around them (reading the upload, the checks, the join) run outside the bound.
 */
export type EncodeTurn = (signal?: AbortSignal) => Promise<() => void>;

export interface ShowcaseProgress {
  stage: ShowcaseStage;
  /** Fraction of the stage done, when ffmpeg reports one. */
  ratio: number | null;
}

export interface RenderShowcaseOptions {
  inputPath: string;
  outputPath: string;
  posterPath: string;
  /** Scratch space for intermediates; a private subfolder is created in it and removed afterwards. */
  workDir: string;
  settings?: ShowcaseSettingsInput;
  /** Located with locateMediaTools() when omitted. */
  tools?: MediaTools;
  signal?: AbortSignal;
  onProgress?: (progress: ShowcaseProgress) => void;
  /** Taken around each encoding pass (the clip, the one-pass fallback); none: encode at once. */
  encodeTurn?: EncodeTurn;
}

export interface ShowcaseResult {
  input: MediaInfo;
  output: MediaInfo;
  /** How clip and bumpers were put together. */
  method: 'stream-copy-join' | 'one-pass';
  /** Why the stream-copy join was not used; empty when it was. */
  fallbackReasons: string[];
}

const durationToleranceSeconds = 0.1;

/**
 * Bumper signatures by file identity: a cached bumper never changes, so it is probed once per process
 * instead of once per video (two ffprobe starts, ~0.3 CPU-s). A replaced file has a new identity.
 */
const bumperSignatures = new Map<string, Promise<EncodingSignature>>();

async function bumperSignature(path: string, ffprobePath: string): Promise<EncodingSignature> {
  const { mtimeMs, size } = await stat(path);
  const identity = `${path}:${mtimeMs}:${size}`;
  let signature = bumperSignatures.get(identity);
  if (!signature) {
    // No abort signal: the result is shared by every job, not owned by the one that asked first.
    signature = probeEncodingSignature(path, { ffprobePath });
    bumperSignatures.set(identity, signature);
    signature.catch(() => bumperSignatures.delete(identity));
  }
  return signature;
}
const bumpersSeconds = 2 * showcaseFormat.bumperSeconds;

/**
 * Upload → showcase: probe, validate (InvalidInputError for unusable uploads), encode the clip once
 * (the poster is tapped from the same pass), join it to the cached bumpers by stream copy, verify,
 * fall back to a one-pass render if needed.
 */
export async function renderShowcase(options: RenderShowcaseOptions): Promise<ShowcaseResult> {
  const settings = resolveShowcaseSettings(options.settings);
  const tools = options.tools ?? locateMediaTools();
  options.onProgress?.({ stage: 'probe', ratio: null });
  await stat(options.inputPath); // a missing file is our storage's fault, not the player's
  const input = await probeUpload(options.inputPath, tools, options.signal);
  validateInput(input, settings.limits);

  const scratch = await mkdtemp(join(options.workDir, 'showcase-'));
  try {
    return await new ShowcaseRun(options, settings, tools, scratch).render(input);
  } catch (error) {
    await Promise.all([rm(options.outputPath, { force: true }), rm(options.posterPath, { force: true })]);
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Renders the bumpers when they are not cached yet and reads their encoding signatures, so the first job after a
 * start finds both ready instead of paying for them. A worker calls it as it starts, while it waits for work;
 * a job that starts meanwhile waits for the same render instead of starting another.
 */
export async function prepareShowcase(
  options: { settings?: ShowcaseSettingsInput; tools?: MediaTools; signal?: AbortSignal } = {},
): Promise<void> {
  const settings = resolveShowcaseSettings(options.settings);
  const tools = options.tools ?? locateMediaTools();
  const bumpers = await showcaseBumpers(settings, tools, options.signal);
  await Promise.all([
    bumperSignature(bumpers.openingPath, tools.ffprobePath),
    bumperSignature(bumpers.closingPath, tools.ffprobePath),
  ]);
}

/** The cached bumpers for these settings, rendered first when missing (one render shared by concurrent callers). */
function showcaseBumpers(settings: ShowcaseSettings, tools: MediaTools, signal?: AbortSignal): Promise<Bumpers> {
  return ensureBumpers({
    cacheDir: settings.bumperCacheDir,
    settings,
    ffmpegPath: tools.ffmpegPath,
    logoPath: anbLogoPath,
    signal,
    timeoutMs: settings.ffmpegTimeoutMs,
  });
}

async function probeUpload(path: string, tools: MediaTools, signal?: AbortSignal): Promise<MediaInfo> {
  try {
    return await probe(path, { ffprobePath: tools.ffprobePath, signal });
  } catch (error) {
    if (!(error instanceof ProbeError)) throw error;
    const refusal = uploadTexts.unreadable();
    throw new InvalidInputError(refusal.code, refusal.detail, { cause: error });
  }
}

class ShowcaseRun {
  private readonly options: RenderShowcaseOptions;
  private readonly settings: ShowcaseSettings;
  private readonly tools: MediaTools;
  private readonly scratch: string;

  constructor(options: RenderShowcaseOptions, settings: ShowcaseSettings, tools: MediaTools, scratch: string) {
    this.options = options;
    this.settings = settings;
    this.tools = tools;
    this.scratch = scratch;
  }

  async render(input: MediaInfo): Promise<ShowcaseResult> {
    const clipSeconds = Math.min(input.durationSeconds ?? 0, showcaseFormat.maxClipSeconds);
    this.report('bumpers', null);
    const bumpers = await showcaseBumpers(this.settings, this.tools, this.options.signal);
    const clipPath = join(this.scratch, 'clip.mp4');
    await this.encode(
      'clip',
      buildClipCommand(input, this.settings, this.paths(clipPath), { intermediate: true }),
      clipSeconds,
    );

    const joined = await this.join(clipPath, bumpers);
    if ('output' in joined) return { input, output: joined.output, method: 'stream-copy-join', fallbackReasons: [] };
    const fallbackReasons = joined.problems;
    await this.encode(
      'one-pass',
      buildOnePassCommand(input, this.settings, this.paths(this.options.outputPath)),
      clipSeconds + bumpersSeconds,
    );
    const output = await probe(this.options.outputPath, this.probeOptions());
    const problems = findOutputProblems(output, {
      minSeconds: bumpersSeconds,
      maxSeconds: showcaseFormat.maxClipSeconds + bumpersSeconds + durationToleranceSeconds,
    });
    if (problems.length > 0) throw new OutputVerificationError(problems);
    return { input, output, method: 'one-pass', fallbackReasons };
  }

  /**
   * Joins by stream copy when every part has the clip's encoding and returns the verified output,
   * or the reasons it could not. One ffprobe of the clip and one of the result: each costs a process start.
   */
  private async join(clipPath: string, bumpers: Bumpers): Promise<{ output: MediaInfo } | { problems: string[] }> {
    this.report('verify', null);
    const [clip, opening, closing] = await Promise.all([
      probeEncodedPart(clipPath, this.probeOptions()),
      bumperSignature(bumpers.openingPath, this.tools.ffprobePath),
      bumperSignature(bumpers.closingPath, this.tools.ffprobePath),
    ]);
    const mismatches = [
      ...signatureMismatches(clip.signature, opening).map((field) => `opening bumper ${field} differs from the clip`),
      ...signatureMismatches(clip.signature, closing).map((field) => `closing bumper ${field} differs from the clip`),
    ];
    if (mismatches.length > 0) return { problems: mismatches };

    const expectedSeconds = (clip.info.durationSeconds ?? 0) + bumpersSeconds;
    const listPath = join(this.scratch, 'parts.ffconcat');
    await writeFile(listPath, buildConcatList([bumpers.openingPath, clipPath, bumpers.closingPath]));
    await this.ffmpeg('join', buildJoinCommand(listPath, this.options.outputPath), expectedSeconds);
    this.report('verify', null);
    const output = await probe(this.options.outputPath, this.probeOptions());
    const problems = findOutputProblems(output, {
      minSeconds: expectedSeconds - durationToleranceSeconds,
      maxSeconds: expectedSeconds + durationToleranceSeconds,
    });
    return problems.length === 0 ? { output } : { problems: problems.map((problem) => `joined output: ${problem}`) };
  }

  private paths(outputPath: string) {
    return {
      inputPath: this.options.inputPath,
      logoPath: anbLogoPath,
      outputPath,
      posterPath: this.options.posterPath,
    };
  }

  private probeOptions() {
    return { ffprobePath: this.tools.ffprobePath, signal: this.options.signal };
  }

  /** An encoding pass, in its turn when the caller bounds the encodes running together. */
  private async encode(stage: ShowcaseStage, args: string[], expectedDurationSeconds: number): Promise<void> {
    const { encodeTurn, signal } = this.options;
    if (!encodeTurn) return this.ffmpeg(stage, args, expectedDurationSeconds);
    this.report('waiting', null);
    const done = await encodeTurn(signal);
    try {
      await this.ffmpeg(stage, args, expectedDurationSeconds);
    } finally {
      done();
    }
  }

  private ffmpeg(stage: ShowcaseStage, args: string[], expectedDurationSeconds: number | undefined): Promise<void> {
    this.report(stage, expectedDurationSeconds ? 0 : null);
    return runFfmpeg(args, {
      ffmpegPath: this.tools.ffmpegPath,
      signal: this.options.signal,
      timeoutMs: this.settings.ffmpegTimeoutMs,
      expectedDurationSeconds,
      onProgress: (progress) => this.report(stage, progress.ratio),
    });
  }

  private report(stage: ShowcaseStage, ratio: number | null): void {
    this.options.onProgress?.({ stage, ratio });
  }
}
