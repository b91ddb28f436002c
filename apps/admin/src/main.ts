import { loadConfigOrExit } from '@anb/config';
import { ModerationService, type PublishedMedia } from '@anb/core';
import { EmbeddedPostgresError, PostgresModerationRepository, PostgresReviewRepository } from '@anb/db';
import { parseAdminArguments, runAdminVerb, USAGE } from './admin-command.ts';
import { openAdminDatabase } from './admin-database.ts';

/**
 * `npm run admin -- grant-organiser|revoke-organiser <email>`; in production the same program runs as a
 * one-off ECS task (`npm run ops -- grant-organiser <email>`). Exit 0 with one line, or 1 with one sentence.
 */
const parsed = parseAdminArguments(process.argv.slice(2));
if ('help' in parsed) {
  console.log(USAGE);
  process.exit(0);
}
if ('error' in parsed) {
  console.error(parsed.error);
  process.exit(1);
}

// This tool changes roles only: it never hides or restores a video, so it never touches published files.
const rolesOnly: PublishedMedia = {
  urlOf: () => Promise.reject(new Error('the admin tool hands out no media links')),
  withdraw: () => Promise.reject(new Error('the admin tool does not hide videos')),
  reinstate: () => Promise.reject(new Error('the admin tool does not restore videos')),
};

const config = await loadConfigOrExit();
const database = await openAdminDatabase(config).catch((error: unknown) => {
  // Its message says what is wrong and what to do.
  if (!(error instanceof EmbeddedPostgresError)) throw error;
  console.error(error.message);
  return process.exit(1);
});
if (!database) {
  console.error(`There is no database in ${config.DATA_DIR} yet: start the platform once (npm start) and sign up.`);
  process.exit(1);
}
try {
  const moderation = new ModerationService({
    moderation: new PostgresModerationRepository(database.db),
    reviews: new PostgresReviewRepository(database.db),
    media: rolesOnly,
  });
  const { ok, line } = await runAdminVerb(moderation, parsed);
  if (ok) console.log(line);
  else console.error(line);
  process.exitCode = ok ? 0 : 1;
} finally {
  await database.close();
}
