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
    const config = loadConfig({ PORT: '9001', TRUST_PROXY: 'true', BCRYPT_COST: '12' });
    expect(config.PORT).toBe(9001);
    expect(config.TRUST_PROXY).toBe(true);
    expect(config.BCRYPT_COST).toBe(12);
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
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
        'LOG_LEVEL',
        'PORT',
      ]);
    }
  });

  it('requires the bucket and the queue URL when AWS adapters are chosen', () => {
    expect(() => loadConfig({ STORAGE: 's3' })).toThrowError(/S3_BUCKET: required/);
    expect(() => loadConfig({ QUEUE: 'sqs' })).toThrowError(/SQS_QUEUE_URL: required/);
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
