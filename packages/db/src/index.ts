export type { Database } from './database.ts';
export { createDatabase, type DatabaseOptions } from './connect.ts';
export { migrateToLatest } from './migrate.ts';
export { startEmbeddedPostgres, findFreePort, type EmbeddedPostgresHandle } from './embedded-postgres.ts';
export { isUniqueViolation } from './postgres-errors.ts';
export { PostgresUserRepository } from './repositories/user.repository.ts';
export { PostgresVideoRepository } from './repositories/video.repository.ts';
export { PostgresVoteRepository } from './repositories/vote.repository.ts';
export { PostgresRankingRepository } from './repositories/ranking.repository.ts';
