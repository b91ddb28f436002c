/** Why the embedded PostgreSQL cannot start, as one sentence naming the cause and the fix: shown as is, no stack. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/** The way out that always exists, for the end of a refusal's sentence. */
export const OWN_DATABASE = 'or set DATABASE_URL to a PostgreSQL server of your own';
