export type { Database } from './database.ts';
export { createDatabase, createPool, pingDatabase, type DatabaseOptions } from './connect.ts';
export { migrateToLatest } from './migrate.ts';
export {
  EmbeddedPostgresError,
  removeEmbeddedPostgres,
  startEmbeddedPostgres,
  useEmbeddedPostgres,
  type EmbeddedPostgresHandle,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.ts';
export { isDatabaseUnavailable, isUniqueViolation } from './postgres-errors.ts';
export { PostgresUserRepository } from './repositories/user.repository.ts';
export { PostgresVideoRepository } from './repositories/video.repository.ts';
export { PostgresVoteRepository } from './repositories/vote.repository.ts';
export { PostgresVoteTally } from './repositories/vote-tally.repository.ts';
export { PostgresRankingRepository } from './repositories/ranking.repository.ts';
export { PostgresCityDirectory } from './repositories/city-directory.repository.ts';
export { PostgresProcessingRepository } from './repositories/processing.repository.ts';
export { grantAppRole, type AppRole } from './app-role.ts';
export { PostgresAccountLinkRepository } from './repositories/account-link.repository.ts';
export { PostgresSessionRepository } from './repositories/session.repository.ts';
export { PostgresMailOutbox } from './repositories/mail-outbox.repository.ts';
export { PostgresAttemptCounter } from './repositories/attempt-counter.repository.ts';
export { PostgresUnfinishedUploadRepository } from './repositories/unfinished-upload.repository.ts';
export { PostgresContestRepository } from './repositories/contest.repository.ts';
export { PostgresModerationRepository } from './repositories/moderation.repository.ts';
export { PostgresReviewRepository } from './repositories/review.repository.ts';
