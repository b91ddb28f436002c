import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsReferenceSource } from '../src/aws.ts';
import { ConfigError, loadConfig, parseReference, resolveEnvironment } from '../src/index.ts';

const ssm = mockClient(SSMClient);
const secrets = mockClient(SecretsManagerClient);
let source: AwsReferenceSource;

beforeEach(() => {
  ssm.reset();
  secrets.reset();
  source = new AwsReferenceSource({
    ssm: new SSMClient({ region: 'us-east-1' }),
    secrets: new SecretsManagerClient({ region: 'us-east-1' }),
  });
});
afterEach(() => source.destroy());

const rdsSecret = JSON.stringify({
  engine: 'postgres',
  username: 'anb_admin',
  password: 'p@ss/word#1',
  host: 'anb.cluster-abc.us-east-1.rds.amazonaws.com',
  port: 5432,
  dbname: 'anb',
});

function accessDenied(): Error {
  return Object.assign(new Error('User is not authorized to perform: secretsmanager:GetSecretValue'), {
    name: 'AccessDeniedException',
  });
}

describe('parseReference', () => {
  it.each([
    ['ssm:/anb/prod/jwt-expires-in', { kind: 'ssm', name: '/anb/prod/jwt-expires-in' }],
    ['secretsmanager:anb/prod/jwt', { kind: 'secret', id: 'anb/prod/jwt', jsonKey: undefined }],
    [
      'secretsmanager:arn:aws:secretsmanager:us-east-1:1:secret:db-AbC#password',
      { kind: 'secret', id: 'arn:aws:secretsmanager:us-east-1:1:secret:db-AbC', jsonKey: 'password' },
    ],
  ])('reads %s', (value, reference) => {
    expect(parseReference(value)).toEqual(reference);
  });

  it.each(['postgres://x', 'plain', 'ssm:', 'secretsmanager:'])('leaves %j as a plain value', (value) => {
    expect(parseReference(value)).toBeUndefined();
  });
});

describe('resolveEnvironment with Parameter Store and Secrets Manager', () => {
  it('replaces references by their values, decrypting parameters, and keeps plain values', async () => {
    ssm
      .on(GetParameterCommand, { Name: '/anb/prod/jwt-expires-in', WithDecryption: true })
      .resolves({ Parameter: { Value: '1800' } });
    secrets.on(GetSecretValueCommand, { SecretId: 'anb/prod/jwt' }).resolves({ SecretString: 'k'.repeat(48) });

    const env = await resolveEnvironment(
      { JWT_EXPIRES_IN: 'ssm:/anb/prod/jwt-expires-in', JWT_SECRET: 'secretsmanager:anb/prod/jwt', PORT: '8000' },
      () => source,
    );

    expect(env).toEqual({ JWT_EXPIRES_IN: '1800', JWT_SECRET: 'k'.repeat(48), PORT: '8000' });
    expect(loadConfig(env).JWT_EXPIRES_IN).toBe(1800);
  });

  it('builds DATABASE_URL from the whole RDS-managed secret, escaping the password', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: 'rds-secret' }).resolves({ SecretString: rdsSecret });
    const env = await resolveEnvironment({ DATABASE_URL: 'secretsmanager:rds-secret' }, () => source);
    expect(env.DATABASE_URL).toBe(
      'postgres://anb_admin:p%40ss%2Fword%231@anb.cluster-abc.us-east-1.rds.amazonaws.com:5432/anb',
    );
    expect(new URL(env.DATABASE_URL as string).password).toBe('p%40ss%2Fword%231');
  });

  it('reads one key of a JSON secret', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: 'rds-secret' }).resolves({ SecretString: rdsSecret });
    const env = await resolveEnvironment({ PGPORT_FROM_SECRET: 'secretsmanager:rds-secret#port' }, () => source);
    expect(env.PGPORT_FROM_SECRET).toBe('5432');
  });

  it('fetches a reference used by several variables once', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 's'.repeat(40) });
    await resolveEnvironment(
      { JWT_SECRET: 'secretsmanager:shared', MEDIA_URL_SECRET: 'secretsmanager:shared' },
      () => source,
    );
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('does not touch AWS when nothing is a reference', async () => {
    let created = false;
    await resolveEnvironment({ PORT: '8000' }, () => {
      created = true;
      return source;
    });
    expect(created).toBe(false);
  });

  it('stops with the variable named when a parameter is missing', async () => {
    ssm.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
    await expect(resolveEnvironment({ JWT_EXPIRES_IN: 'ssm:/anb/prod/missing' }, () => source)).rejects.toThrowError(
      /JWT_EXPIRES_IN: parameter \/anb\/prod\/missing does not exist/,
    );
  });

  it('stops with the variable named when access is denied, without leaking anything', async () => {
    secrets.on(GetSecretValueCommand).rejects(accessDenied());
    const failure = resolveEnvironment({ JWT_SECRET: 'secretsmanager:anb/prod/jwt' }, () => source);
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrowError('JWT_SECRET: access denied to secret anb/prod/jwt');
  });

  it('names a JSON key the secret does not have', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: rdsSecret });
    await expect(resolveEnvironment({ X: 'secretsmanager:rds-secret#nope' }, () => source)).rejects.toThrowError(
      'X: secret rds-secret has no key "nope"',
    );
  });

  it('never puts a secret value in an error', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: rdsSecret });
    const error: unknown = await resolveEnvironment(
      { JWT_SECRET: 'secretsmanager:rds-secret#missing' },
      () => source,
    ).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    // Outside any try: a resolution that does not fail must fail the test.
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toContain('JWT_SECRET');
    expect(String(error)).not.toContain('p@ss/word#1');
  });
});
