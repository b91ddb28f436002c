import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '@anb/config';
import { PRODUCT_LAUNCH } from '@anb/testing/stack';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ADMIN_PROGRAM } from '../../apps/ops/src/organiser.ts';
import { unknownVariables } from './support/app-env-names.ts';
import type { CfnJson } from './support/template-queries.ts';
import { execForm, lineage, parseDockerfile, type Instruction } from './support/dockerfile.ts';

// Static checks, fast and engine-free; `.ci/run` also builds the images and drives the stack for real
// (docker/README.md).
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const dockerfile = read('docker/Dockerfile');
const stages = parseDockerfile(dockerfile);
type Services = Record<string, Record<string, CfnJson>>;
const readCompose = (path: string) => (parse(read(path), { merge: true }) as { services: Services }).services;
const services = readCompose('docker/compose.yaml');
/** AWS SDK credentials, read by the SDK rather than the app (the emulators need some). */
const SDK_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

const indexOf = (instructions: Instruction[], predicate: (instruction: Instruction) => boolean) =>
  instructions.findIndex(predicate);
const lastOf = (instructions: Instruction[], keyword: string) =>
  instructions.filter((i) => i.keyword === keyword).at(-1);

/** Expands ${NAME:-default} the way compose does when NAME is unset. */
function interpolate(value: unknown): string {
  return String(value).replace(/\$\{([A-Z_]+)(?::-([^}]*))?\}/g, (_, _name: string, fallback = '') => fallback);
}
const environmentOf = (service: string) =>
  Object.fromEntries(
    Object.entries(services[service]!.environment as Record<string, unknown>).map(([k, v]) => [k, interpolate(v)]),
  );

describe('docker/Dockerfile', () => {
  it('builds every stage from the Node 24 slim image or from its own earlier stages', () => {
    const names = new Set(stages.map((stage) => stage.name));
    const external = stages.filter((stage) => !names.has(stage.base)).map((stage) => stage.base);
    expect(external.length).toBeGreaterThan(0);
    for (const image of external) expect(image).toMatch(/^node:24(\.\d+)*-[a-z]+-slim$/);
  });

  it('offers an api and a worker target, each a multi-stage build', () => {
    for (const target of ['api', 'worker']) {
      const froms = lineage(stages, target).filter((i) => i.keyword === 'COPY' && i.args.includes('--from='));
      expect(froms.length, target).toBeGreaterThan(0);
    }
  });

  for (const target of ['api', 'worker']) {
    it(`installs the ${target}'s production dependencies only, from manifests alone so source edits keep the cache`, () => {
      const dependencies = lineage(stages, `${target}-dependencies`);
      const install = dependencies.find((i) => i.keyword === 'RUN' && /\bnpm-ci\b/.test(i.args));
      expect(install?.args).toMatch(/--omit=dev/);
      expect(install?.args).toMatch(new RegExp(`--workspace @anb/${target}$`));
      const copies = dependencies.filter((i) => i.keyword === 'COPY');
      expect(copies.map((copy) => copy.args)).toEqual([
        '--from=manifests /manifests/ ./',
        'docker/npm-ci.sh /usr/local/bin/npm-ci',
      ]);
    });
  }

  it('reduces the tree to the lock file and the package.json files before installing', () => {
    const manifests = stages.find((stage) => stage.name === 'manifests')!;
    expect(manifests.instructions.find((i) => i.keyword === 'RUN')?.args).toMatch(
      /-name package\.json.*package-lock\.json|package-lock\.json.*-name package\.json/,
    );
  });

  for (const target of ['api', 'worker']) {
    it(`runs the ${target} as the unprivileged node user with node itself as PID 1`, () => {
      const instructions = lineage(stages, target);
      expect(lastOf(instructions, 'USER')?.args).toBe('node');
      const entrypoint = execForm(lastOf(instructions, 'ENTRYPOINT')?.args ?? '');
      expect(entrypoint?.[0]).toBe('node');
      expect(entrypoint?.at(-1)).toBe(`apps/${target}/src/${target === 'api' ? 'server' : 'main'}.ts`);
      expect(instructions.some((i) => i.keyword === 'CMD')).toBe(false);
      expect(lastOf(instructions, 'STOPSIGNAL')?.args ?? 'SIGTERM').toBe('SIGTERM');
    });

    it(`copies the ${target} dependencies before its sources, so code changes reuse the dependency layer`, () => {
      const instructions = lineage(stages, target);
      const dependencies = indexOf(
        instructions,
        (i) => i.keyword === 'COPY' && i.args.startsWith(`--from=${target}-dependencies`),
      );
      const sources = indexOf(instructions, (i) => i.keyword === 'COPY' && i.args.startsWith(`apps/${target}/`));
      expect(dependencies).toBeGreaterThanOrEqual(0);
      expect(sources).toBeGreaterThan(dependencies);
    });
  }

  it('launches the API as `npm start` and the test stack do: the same Node flags and libuv setting (ADR 32, 35)', () => {
    const entrypoint = execForm(lastOf(lineage(stages, 'api'), 'ENTRYPOINT')?.args ?? '');
    expect(entrypoint?.slice(1, -1)).toEqual(PRODUCT_LAUNCH.nodeFlags);
    const runtimeEnv = lineage(stages, 'api')
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    for (const [name, value] of Object.entries(PRODUCT_LAUNCH.env)) expect(runtimeEnv).toContain(`${name}=${value}`);

    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start!;
    const [assignments = '', flags = ''] =
      /^((?:[A-Z_]+=\S+ )*)node ((?:--\S+ )*)apps\/standalone\/src\/main\.ts$/.exec(start)?.slice(1) ?? [];
    expect(
      Object.fromEntries(
        assignments
          .trim()
          .split(' ')
          .map((a) => a.split('=')),
      ),
    ).toEqual(PRODUCT_LAUNCH.env);
    expect(flags.trim().split(' ')).toEqual(PRODUCT_LAUNCH.nodeFlags);
  });

  it('puts the admin program that `npm run ops -- grant-organiser` runs in the API image, after its dependencies', () => {
    expect(ADMIN_PROGRAM.startsWith('apps/admin/')).toBe(true);
    const api = lineage(stages, 'api');
    const admin = indexOf(api, (i) => i.keyword === 'COPY' && i.args === 'apps/admin/ ./apps/admin/');
    expect(admin).toBeGreaterThan(
      indexOf(api, (i) => i.keyword === 'COPY' && i.args.startsWith('--from=api-dependencies')),
    );
  });

  it.skipIf(!existsSync(new URL('../../apps/admin/package.json', import.meta.url)))(
    "needs no package for the admin program beyond what the API's production install brings",
    () => {
      const lock = JSON.parse(read('package-lock.json')) as {
        packages: Record<string, { dependencies?: Record<string, string>; link?: boolean; resolved?: string }>;
      };
      const installed = new Set<string>();
      const visit = (names: string[]) => {
        for (const name of names.filter((candidate) => !installed.has(candidate))) {
          installed.add(name);
          let entry = lock.packages[`node_modules/${name}`];
          if (entry?.link && entry.resolved) entry = lock.packages[entry.resolved];
          visit(Object.keys(entry?.dependencies ?? {}));
        }
      };
      visit(Object.keys(lock.packages['apps/api']?.dependencies ?? {}));
      const admin = JSON.parse(read('apps/admin/package.json')) as { dependencies?: Record<string, string> };
      expect(Object.keys(admin.dependencies ?? {}).filter((name) => !installed.has(name))).toEqual([]);
    },
  );

  it('exposes the API port and health-checks the liveness endpoint in exec form', () => {
    const api = lineage(stages, 'api');
    expect(lastOf(api, 'EXPOSE')?.args).toBe('8000');
    const check = execForm(lastOf(api, 'HEALTHCHECK')?.args ?? '');
    expect(check?.[0]).toBe('node');
    expect(check?.join(' ')).toContain('/api/health');
  });

  it("installs the distribution's ffmpeg in the worker, before the frequently changing layers", () => {
    const worker = lineage(stages, 'worker');
    const ffmpeg = indexOf(worker, (i) => i.keyword === 'RUN' && /apt-get install\b.*\bffmpeg\b/.test(i.args));
    expect(ffmpeg).toBeGreaterThanOrEqual(0);
    expect(worker[ffmpeg]!.args).toMatch(/rm -rf \/var\/lib\/apt\/lists/);
    expect(ffmpeg).toBeLessThan(
      indexOf(worker, (i) => i.keyword === 'COPY' && i.args.startsWith('--from=worker-dependencies')),
    );
    expect(lineage(stages, 'api').some((i) => /\bffmpeg\b/.test(i.args) && i.keyword === 'RUN')).toBe(false);
  });

  it('builds without the internet beyond the package registries: no frontend pull, no download at build time', () => {
    expect(dockerfile).not.toMatch(/^#\s*syntax=/m);
    for (const stage of stages) {
      for (const add of stage.instructions.filter((i) => i.keyword === 'ADD')) expect(add.args).not.toMatch(/https?:/);
    }
  });

  it('verifies the vendored RDS CA bundle against the checksum it pins', () => {
    const runtime = lineage(stages, 'runtime');
    const pinned = /^RDS_CA_BUNDLE_SHA256=([0-9a-f]{64})$/.exec(
      runtime.find((i) => i.keyword === 'ARG' && i.args.startsWith('RDS_CA_BUNDLE_SHA256='))?.args ?? '',
    )?.[1];
    const bundle = readFileSync(new URL('../../docker/certs/rds-global-bundle.pem', import.meta.url));
    expect(createHash('sha256').update(bundle).digest('hex')).toBe(pinned);
    expect(runtime.some((i) => i.keyword === 'RUN' && /sha256sum --check/.test(i.args))).toBe(true);
    expect(bundle.toString().match(/-----BEGIN CERTIFICATE-----/g)?.length).toBeGreaterThan(10);
  });

  it('leaves the package managers out of the runtime images', () => {
    const removal = lineage(stages, 'runtime').find((i) => i.keyword === 'RUN' && /\brm -rf\b/.test(i.args));
    for (const tool of [
      '/usr/local/lib/node_modules',
      '/usr/local/bin/npm',
      '/usr/local/bin/npx',
      '/usr/local/bin/corepack',
    ]) {
      expect(removal?.args, tool).toContain(tool);
    }
  });

  it('hands npm the optional CA secret in every install stage', () => {
    const installs = stages.flatMap((stage) =>
      stage.instructions.filter((i) => i.keyword === 'RUN' && /\bnpm(-| )ci\b/.test(i.args)),
    );
    expect(installs.length).toBe(3);
    for (const install of installs) {
      expect(install.args).toMatch(/--mount=type=secret,id=ca\b/);
      expect(install.args).toMatch(/^--mount=\S+ --mount=\S+ npm-ci /);
    }
    const script = read('docker/npm-ci.sh');
    expect(script).toMatch(/if \[ -s \/run\/secrets\/ca \]; then export NODE_EXTRA_CA_CERTS=\/run\/secrets\/ca; fi/);
    expect(script).toMatch(/exec npm ci --ignore-scripts/);
    expect(read('.dockerignore')).toMatch(/^!docker\/npm-ci\.sh$/m);
  });

  it('keeps dependencies, VCS data and local state out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    for (const pattern of ['**/node_modules', '.git', '.data']) expect(ignored).toContain(pattern);
    expect(ignored).not.toContain('package-lock.json');
  });
});

describe('docker/compose.yaml', () => {
  it('brings up PostgreSQL 17, an S3 store, an SQS queue, nginx, the migration step, the API and the worker', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'migrate',
      'nginx',
      'object-store',
      'object-store-emulator',
      'postgres',
      'queue',
      'worker',
    ]);
    expect(services.postgres!.image).toMatch(/^postgres:17([.-]|$)/);
    expect(services.api!.build).toMatchObject({ dockerfile: 'docker/Dockerfile', target: 'api' });
    expect(services.worker!.build).toMatchObject({ dockerfile: 'docker/Dockerfile', target: 'worker' });
  });

  it('health-checks every service that others wait on, and starts each only once its dependencies are healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, condition] of Object.entries(
        (service.depends_on ?? {}) as Record<string, { condition: string }>,
      )) {
        if (dependency === 'migrate') {
          expect(condition.condition, `${name} → migrate`).toBe('service_completed_successfully');
          continue;
        }
        expect(condition.condition, `${name} → ${dependency}`).toBe('service_healthy');
        expect(services[dependency]!.healthcheck?.test, `${dependency} has a healthcheck`).toBeDefined();
      }
    }
    expect(Object.keys(services.api!.depends_on).sort()).toEqual(['migrate', 'object-store', 'queue']);
    expect(Object.keys(services.worker!.depends_on).sort()).toEqual(['migrate', 'object-store', 'queue']);
    expect(Object.keys(services.migrate!.depends_on)).toEqual(['postgres']);
    expect(Object.keys(services.nginx!.depends_on)).toEqual(['api']);
    expect(services.api!.healthcheck.test.join(' ')).toContain('/api/health/ready');
  });

  it('migrates as the owner in a one-off step, and runs the services as the app role without migrating', () => {
    const migrate = services.migrate!;
    expect(migrate.image).toBe(services.api!.image);
    expect(migrate.entrypoint).toEqual(['node', 'apps/api/src/migrate.ts']);
    const owner = new URL(interpolate(String((migrate.environment as Record<string, string>).DATABASE_URL)));
    const migration = environmentOf('migrate');
    expect(loadConfig(migration).DATABASE_APP_ROLE).toBeDefined();
    for (const service of ['api', 'worker']) {
      const environment = environmentOf(service);
      expect(environment.MIGRATE_ON_BOOT, service).toBe('false');
      const app = new URL(environment.DATABASE_URL!);
      expect(app.username, service).toBe(migration.DATABASE_APP_ROLE);
      expect(app.username, service).not.toBe(owner.username);
      expect(decodeURIComponent(app.password), service).toBe(migration.DATABASE_APP_PASSWORD);
    }
  });

  it('health-checks the worker image with its heartbeat', () => {
    const check = execForm(lastOf(lineage(stages, 'worker'), 'HEALTHCHECK')?.args ?? '');
    expect(check).toEqual(['node', 'apps/worker/src/health-check.ts']);
  });

  it('publishes only nginx for the API, on loopback, and nginx balances over the API containers', () => {
    expect(services.api!.ports).toBeUndefined();
    expect(services.nginx!.ports).toEqual(['127.0.0.1:8080:80']);
    for (const [name, service] of Object.entries(services)) {
      for (const port of (service.ports ?? []) as string[]) expect(port, name).toMatch(/^127\.0\.0\.1:/);
    }
    expect(read('docker/nginx.conf')).toMatch(/server api:8000\b/);
    expect(services.api!.deploy).toMatchObject({ replicas: 2 });
    expect(services.worker!.deploy).toMatchObject({ replicas: 2 });
  });

  it("answers the proxy's own errors as problem+json, in the API's codes", () => {
    const nginx = read('docker/nginx.conf');
    const pages = [...nginx.matchAll(/error_page ([\d ]+?) (?:=(\d+) )?(\/\.problem\/[\w-]+);/g)];
    const handled = pages.flatMap(([, codes]) => codes!.split(' '));
    expect(handled.sort()).toEqual(['400', '408', '413', '414', '494', '502', '504']);
    for (const [, , , uri] of pages) {
      const block = new RegExp(
        `location = ${uri!.replace(/\./g, '\\.')} \\{\\s*internal;[^}]*return (\\d+) '([^']+)';`,
      ).exec(nginx);
      expect(block, uri).not.toBeNull();
      const body = JSON.parse(block![2]!) as { status: number; code: string; detail: string };
      expect(body.status, uri).toBe(Number(block![1]));
      expect(body.code, uri).toMatch(/^[A-Z_]+$/);
      expect(body.detail, uri).toMatch(/[a-záéíóú]/);
    }
    expect(nginx).toMatch(/error_page 502 504 =503 \/\.problem\/503;/);
  });

  it('lets nginx stream uploads of any size to the API, which refuses them itself, and wait long enough for them', () => {
    const nginx = read('docker/nginx.conf');
    // No size limit for the server (its error pages included) nor the upload endpoints: an upload over
    // UPLOAD_MAX_BYTES gets the API's FILE_TOO_LARGE, never nginx's 413. Nothing is spooled to disk.
    const serverLevel = nginx.slice(nginx.indexOf('server {'), nginx.indexOf('location '));
    expect(serverLevel).toMatch(/client_max_body_size 0;/);
    expect(serverLevel).toMatch(/proxy_request_buffering off;/);
    for (const upload of ['location = /api/videos/upload {', 'location /api/uploads {']) {
      const start = nginx.indexOf(upload);
      expect(start, upload).toBeGreaterThan(0);
      const block = nginx.slice(start, nginx.indexOf('}', start));
      expect(block, upload).not.toMatch(/client_max_body_size/);
      // A refusal sent before the body has arrived: nginx reads the rest away instead of resetting.
      expect(Number(/lingering_time (\d+)s;/.exec(block)?.[1]), upload).toBeGreaterThanOrEqual(60);
    }
    for (const directive of ['client_body_timeout', 'proxy_send_timeout', 'proxy_read_timeout']) {
      const seconds = new RegExp(`${directive} (\\d+)s;`).exec(nginx);
      expect(Number(seconds?.[1]), directive).toBeGreaterThanOrEqual(60);
    }
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For/);
    // nginx is the only hop: the API believes the last X-Forwarded-For entry, the address nginx saw.
    expect(environmentOf('api').TRUST_PROXY).toBe('1');
    expect(new URL(environmentOf('api').PUBLIC_BASE_URL!).origin).toBe('http://127.0.0.1:8080');
  });

  it('gives the API and worker only variables the config schema knows, and a configuration that loads', () => {
    for (const service of ['api', 'worker']) {
      const environment = environmentOf(service);
      expect(
        unknownVariables(Object.keys(environment)).filter((name) => !SDK_VARIABLES.includes(name)),
        service,
      ).toEqual([]);
      const config = loadConfig(environment);
      expect(config).toMatchObject({ STORAGE: 's3', QUEUE: 'sqs', S3_FORCE_PATH_STYLE: true });
      expect(config.DATABASE_URL).toMatch(/@postgres:5432\//);
    }
  });

  it('gives the worker the same stop window as ECS and a queue that matches its settings', () => {
    const worker = environmentOf('worker');
    expect(services.worker!.stop_grace_period).toBe('120s');
    expect(Number(worker.WORKER_STOP_TIMEOUT)).toBeLessThan(120);
    const init = JSON.parse(read('docker/fauxqs/queue.json')) as {
      queues: Array<{ name: string; attributes: Record<string, string> }>;
    };
    const jobs = init.queues.find((queue) => worker.SQS_QUEUE_URL!.endsWith(`/${queue.name}`));
    expect(jobs?.attributes.VisibilityTimeout).toBe(worker.QUEUE_VISIBILITY_TIMEOUT);
    const redrive = JSON.parse(jobs!.attributes.RedrivePolicy!) as {
      deadLetterTargetArn: string;
      maxReceiveCount: string;
    };
    expect(redrive.maxReceiveCount).toBe(worker.QUEUE_MAX_RECEIVES);
    expect(init.queues.map((queue) => queue.name)).toContain(redrive.deadLetterTargetArn.split(':').pop());
    expect(worker.SQS_DLQ_URL?.split('/').pop()).toBe(redrive.deadLetterTargetArn.split(':').pop());
    const buckets = JSON.parse(read('docker/fauxqs/object-store.json')) as { buckets: Array<{ name: string }> };
    expect(buckets.buckets.map((bucket) => bucket.name)).toContain(worker.S3_BUCKET);
  });
});

describe('docker/compose.local.yaml and compose.tests.yaml', () => {
  const local = readCompose('docker/compose.local.yaml');
  const tests = readCompose('docker/compose.tests.yaml');
  const baseBuild = read('docker/base/build.sh');

  it('replaces exactly the pulled images with ones docker/base/build.sh makes', () => {
    const built = new Set(Object.values(services).flatMap((service) => (service.build ? [service.image] : [])));
    const pulled = Object.keys(services).filter((name) => !built.has(services[name]!.image));
    expect(Object.keys(local).sort()).toEqual(pulled.sort());
    for (const [name, service] of Object.entries(local)) {
      expect(Object.keys(service), name).toEqual(['image']);
      const repository = String(service.image).split(':')[0]!;
      expect(baseBuild, `${name}: ${repository}`).toContain(repository);
    }
  });

  it('runs the emulator at the version the tests use', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version: string }> };
    const version = lock.packages['node_modules/fauxqs']!.version;
    expect(services.queue!.image).toBe(`kibertoad/fauxqs:${version}`);
    expect(local.queue!.image).toBe(`anb-base/fauxqs:${version}`);
    expect(services['object-store-emulator']!.image).toBe(`kibertoad/fauxqs:${version}`);
    expect(local['object-store-emulator']!.image).toBe(`anb-base/fauxqs:${version}`);
  });

  it('only changes settings the config schema knows, and keeps heartbeats well inside the shorter visibility timeout', () => {
    for (const [name, service] of Object.entries(tests)) {
      const environment = service.environment as Record<string, string>;
      expect(unknownVariables(Object.keys(environment)), name).toEqual([]);
      expect(loadConfig({ ...environmentOf(name), ...environment })).toBeDefined();
    }
    expect(Number((tests.worker!.environment as Record<string, string>).QUEUE_VISIBILITY_TIMEOUT)).toBeGreaterThan(10);
  });
});
