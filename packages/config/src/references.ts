/**
 * A setting's value may name where the real value lives instead of holding it:
 *   ssm:/anb/prod/jwt-expires-in              a Parameter Store parameter (SecureString decrypted)
 *   secretsmanager:<id-or-arn>                a Secrets Manager secret, whole
 *   secretsmanager:<id-or-arn>#<json-key>     one key of a JSON secret (e.g. the RDS secret's "password")
 */
export type Reference = { kind: 'ssm'; name: string } | { kind: 'secret'; id: string; jsonKey: string | undefined };

export function parseReference(value: string): Reference | undefined {
  if (value.startsWith('ssm:')) {
    const name = value.slice('ssm:'.length);
    return name ? { kind: 'ssm', name } : undefined;
  }
  if (value.startsWith('secretsmanager:')) {
    const rest = value.slice('secretsmanager:'.length);
    const hash = rest.lastIndexOf('#');
    const id = hash === -1 ? rest : rest.slice(0, hash);
    const jsonKey = hash === -1 ? undefined : rest.slice(hash + 1) || undefined;
    return id ? { kind: 'secret', id, jsonKey } : undefined;
  }
  return undefined;
}

/** Where references are looked up (AWS SDK in production, in-memory in tests). */
export interface ReferenceSource {
  parameter(name: string): Promise<string>;
  secret(id: string): Promise<string>;
}

/** Lookup failures the operator can act on; the message never contains a secret value. */
export class ConfigReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigReferenceError';
  }
}

/** The RDS-managed secret holds the connection as JSON; DATABASE_URL may point at it whole. */
interface DatabaseSecret {
  username: string;
  password: string;
  host: string;
  port?: number | string;
  dbname?: string;
}

const isDatabaseSecret = (value: unknown): value is DatabaseSecret =>
  typeof value === 'object' &&
  value !== null &&
  ['username', 'password', 'host'].every((key) => typeof (value as Record<string, unknown>)[key] === 'string');

export function databaseUrlFromSecret(secret: DatabaseSecret): string {
  const user = encodeURIComponent(secret.username);
  const password = encodeURIComponent(secret.password);
  return `postgres://${user}:${password}@${secret.host}:${secret.port ?? 5432}/${encodeURIComponent(secret.dbname ?? 'postgres')}`;
}

/** Resolves one reference; `variable` only shapes how a whole secret is read. */
export async function resolveReference(
  reference: Reference,
  variable: string,
  source: ReferenceSource,
): Promise<string> {
  if (reference.kind === 'ssm') return source.parameter(reference.name);
  const raw = await source.secret(reference.id);
  if (reference.jsonKey === undefined) {
    const parsed = tryJson(raw);
    return variable === 'DATABASE_URL' && isDatabaseSecret(parsed) ? databaseUrlFromSecret(parsed) : raw;
  }
  const parsed = tryJson(raw);
  const value =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[reference.jsonKey] : undefined;
  if (value === undefined || value === null || typeof value === 'object') {
    throw new ConfigReferenceError(`secret ${reference.id} has no key "${reference.jsonKey}"`);
  }
  return String(value);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
