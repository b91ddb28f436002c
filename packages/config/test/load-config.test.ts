import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/index.ts';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 8000,
      DATA_DIR: '.data',
      STORAGE: 'local',
      QUEUE: 'postgres',
      JWT_EXPIRES_IN: 3600,
      BCRYPT_COST: 10,
      UPLOAD_MAX_BYTES: 104_857_600,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('coerces numbers and booleans from strings', () => {
    const config = loadConfig({ PORT: '9001', S3_FORCE_PATH_STYLE: 'true', BCRYPT_COST: '12' });
    expect(config.PORT).toBe(9001);
    expect(config.S3_FORCE_PATH_STYLE).toBe(true);
    expect(config.BCRYPT_COST).toBe(12);
  });

  it('leaves WORKER_CONCURRENCY to the worker (one job per CPU) unless set, and bounds what is set', () => {
    expect(loadConfig({}).WORKER_CONCURRENCY).toBeUndefined();
    expect(loadConfig({ WORKER_CONCURRENCY: '3' }).WORKER_CONCURRENCY).toBe(3);
    expect(() => loadConfig({ WORKER_CONCURRENCY: '0' })).toThrowError(/WORKER_CONCURRENCY:/);
    expect(() => loadConfig({ WORKER_CONCURRENCY: '17' })).toThrowError(/WORKER_CONCURRENCY:/);
  });

  it.each([
    [undefined, false],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.0/16', ['10.0.0.0/16']],
    ['10.0.0.0/16, 172.16.0.0/12,uniquelocal', ['10.0.0.0/16', '172.16.0.0/12', 'uniquelocal']],
    ['::1, fd00::/8', ['::1', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s as %j', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['maybe', '10.0.0.0/33', '300.1.1.1', '11', '10.0.0.0/8/1'])('rejects TRUST_PROXY=%s', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrowError(/TRUST_PROXY:/);
  });

  it('reads TRUST_PROXY=true as one proxy on a private network, never as "believe every hop"', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe('one-private-proxy');
  });

  it('derives the public origin from PORT unless PUBLIC_BASE_URL is set', () => {
    expect(loadConfig({ PORT: '9001' }).PUBLIC_BASE_URL).toBe('http://localhost:9001');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://anb.example.org/' }).PUBLIC_BASE_URL).toBe('https://anb.example.org');
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'javascript:alert(1)' })).toThrowError(/PUBLIC_BASE_URL:/);
  });

  it('caps logins per client at five times the per-email limit unless set', () => {
    expect(loadConfig({ RATE_LIMIT_AUTH_MAX: '7' }).RATE_LIMIT_LOGIN_PER_CLIENT).toBe(35);
    expect(loadConfig({ RATE_LIMIT_LOGIN_PER_CLIENT: '12' }).RATE_LIMIT_LOGIN_PER_CLIENT).toBe(12);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(8000);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['BCRYPT_COST', '3'],
    ['STORAGE', 'ftp'],
    ['DATABASE_URL', 'mysql://x@y/z'],
    ['JWT_SECRET', 'short'],
    ['TRUST_PROXY', 'maybe'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(new RegExp(`${name}:`));
  });

  it('reports every bad variable at once', () => {
    const error = thrownBy(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'LOG_LEVEL',
      'PORT',
    ]);
  });

  it('requires the bucket and the queue URL when AWS adapters are chosen', () => {
    expect(() => loadConfig({ STORAGE: 's3' })).toThrowError(/S3_BUCKET: required/);
    expect(() => loadConfig({ QUEUE: 'sqs' })).toThrowError(/SQS_QUEUE_URL: required/);
  });

  it('takes a CDN only over S3 and with its distribution id, its origin without a trailing slash', () => {
    const cdn = {
      MEDIA_CDN_URL: 'https://d111111abcdef8.cloudfront.net/',
      MEDIA_CDN_DISTRIBUTION_ID: 'E2QWRUHAPOMQZL',
    };
    const s3 = { STORAGE: 's3', S3_BUCKET: 'anb-videos' };
    expect(loadConfig({ ...s3, ...cdn }).MEDIA_CDN_URL).toBe('https://d111111abcdef8.cloudfront.net');
    expect(() => loadConfig(cdn)).toThrowError(/MEDIA_CDN_URL: the CDN serves S3/);
    expect(() => loadConfig({ ...s3, MEDIA_CDN_URL: cdn.MEDIA_CDN_URL })).toThrowError(
      /MEDIA_CDN_DISTRIBUTION_ID: required/,
    );
    expect(() => loadConfig({ ...s3, ...cdn, MEDIA_CDN_URL: 'http://cdn.example' })).toThrowError(/MEDIA_CDN_URL/);
  });

  it('accepts a complete production setting', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://anb:secret@db.internal:5432/anb',
      STORAGE: 's3',
      S3_BUCKET: 'anb-videos',
      QUEUE: 'sqs',
      SQS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/anb-jobs',
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(config.STORAGE).toBe('s3');
    expect(config.QUEUE).toBe('sqs');
  });
});

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}
