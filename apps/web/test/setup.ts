import { cleanup } from '@testing-library/preact';
import { options } from 'preact';
import { afterEach } from 'vitest';

// Effects flush on a timer rather than on jsdom's animation frames: a frame still pending when a
// test file's environment is torn down would call a cancelAnimationFrame that no longer exists.
options.requestAnimationFrame = (callback) => setTimeout(callback);

afterEach(() => {
  cleanup();
  localStorage.clear();
});
