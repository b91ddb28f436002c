import { cleanup, configure } from '@testing-library/preact';
import { options } from 'preact';
import { afterEach } from 'vitest';

// Effects flush on a timer rather than on jsdom's animation frames: a frame still pending when a
// test file's environment is torn down would call a cancelAnimationFrame that no longer exists.
options.requestAnimationFrame = (callback) => setTimeout(callback);

// findBy… and waitFor give up after 1 s by default, which a busy machine can exceed; here only a hang
// reaches the limit, and it still fails with the query's own message before the test's timeout.
configure({ asyncUtilTimeout: 20_000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
