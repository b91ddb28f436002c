import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFixture, makeVideo } from '@anb/testing/sample-videos';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const fixtureDir = path.join(repoRoot, '.tmp/drill-fixtures');

/**
 * A valid upload whose render lasts long enough to be interrupted: 30 s of 1080p at 60 fps, so
 * the worker decodes 1,800 full-HD frames.
 */
export const renderableVideo = () =>
  makeVideo(path.join(fixtureDir, 'render-1080p60-30s.mp4'), { width: 1920, height: 1080, fps: 60, seconds: 30 });

/** A small valid upload, for load during the database restart. */
export const smallVideo = () =>
  makeVideo(path.join(fixtureDir, 'small-1080p5-21s.mp4'), { width: 1920, height: 1080, fps: 5, seconds: 21 });

/** About 50 MB, as in the organiser's capacity scenario. */
export const fiftyMegabyteVideo = () => loadFixture(repoRoot, '50mb');
