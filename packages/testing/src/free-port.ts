// One implementation, in @anb/db (its embedded PostgreSQL needs a free port in production too).
export { findFreePort } from '@anb/db/free-port';
