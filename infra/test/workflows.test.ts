import { existsSync, readFileSync } from 'node:fs';
import actionValidator from '@action-validator/core';
import type { CfnJson } from './support/template-queries.ts';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repositoryNames, stackNames } from '../lib/names.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  steps?: Step[];
  permissions?: Record<string, string>;
  uses?: string;
  needs?: string | string[];
  env?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, CfnJson>;
  env?: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflowFiles = ['ci.yml', 'deploy.yml'];
const sources = Object.fromEntries(workflowFiles.map((file) => [file, read(`.github/workflows/${file}`)]));
const workflow = (file: string) => parse(sources[file]!) as Workflow;
const steps = (file: string) => Object.values(workflow(file).jobs).flatMap((job) => job.steps ?? []);
const runs = (file: string) =>
  steps(file)
    .map((step) => step.run ?? '')
    .join('\n');

describe('GitHub workflows', () => {
  it.each(workflowFiles)('%s satisfies the GitHub workflow schema (offline validator)', (file) => {
    const { errors } = actionValidator.validateWorkflow(sources[file]!);
    expect(errors).toEqual([]);
  });

  it('the validator rejects a malformed workflow, so the check above can fail', () => {
    const broken = sources['ci.yml']!.replace('runs-on: ubuntu-24.04', 'runs-onn: ubuntu-24.04');
    expect(actionValidator.validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it('never uses long-lived AWS keys', () => {
    for (const file of workflowFiles) {
      expect(sources[file]).not.toMatch(
        /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key/,
      );
    }
  });
});

describe('ci.yml', () => {
  const ci = workflow('ci.yml');

  it('runs on pushes, pull requests and as the first stage of a deploy', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request', 'workflow_call']));
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('installs, lints, typechecks and runs the tests with an lcov coverage report', () => {
    const commands = runs('ci.yml');
    for (const command of ['npm ci', 'npm run lint', 'npm run typecheck']) expect(commands).toContain(command);
    // The root typecheck already covers infra; a second pass would only cost time.
    expect(commands).not.toContain('infra:typecheck');
    expect(commands).toMatch(/vitest run --coverage\.enabled --coverage\.reporter=lcov/);
    expect(commands).toMatch(/apt-get install .*ffmpeg/);
  });

  it('runs the Newman collection and the fault drills through the compose stack it started, as .ci/run does', () => {
    const steps = ci.jobs.e2e!.steps!;
    const runs = steps.map((step) => step.run ?? '');
    const up = runs.indexOf('npm run docker:up -- --for-tests');
    const newman = runs.indexOf('npm run e2e -- --base-url http://127.0.0.1:8080/api');
    const drills = runs.indexOf('npm run docker:drills');
    expect(up).toBeGreaterThanOrEqual(0);
    expect(steps[up]!.env).toMatchObject({ ANB_BASE_IMAGES: 'hub' });
    expect(newman).toBeGreaterThan(up);
    expect(drills).toBeGreaterThan(newman);
    expect(steps.at(-1)).toMatchObject({ if: 'always()', run: 'npm run docker:down' });
    const local = read('.ci/run');
    for (const command of [runs[up], runs[newman], runs[drills]]) expect(local).toContain(command);
  });

  it('synthesizes every environment (prod with placeholders) and runs cfn-lint on the templates', () => {
    const job = ci.jobs['cdk-synth']!.steps!;
    const install = job.findIndex((step) => /pipx install cfn-lint==/.test(step.run ?? ''));
    const lint = job.findIndex((step) => step.run === 'npm run infra:lint');
    expect(install).toBeGreaterThanOrEqual(0);
    expect(lint).toBeGreaterThan(install);
    const rootScripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    const infraScripts = (JSON.parse(read('infra/package.json')) as { scripts: Record<string, string> }).scripts;
    expect(rootScripts['infra:lint']).toBe('npm run lint:templates --workspace infra');
    expect(infraScripts['lint:templates']).toBe('node scripts/lint-templates.ts --placeholders');
  });

  it('scans with SonarCloud only when its token is present', () => {
    const sonar = steps('ci.yml').find((step) => step.uses?.startsWith('SonarSource/'));
    expect(sonar?.if).toBe("env.SONAR_TOKEN != ''");
    expect(ci.jobs.checks!.env?.SONAR_TOKEN).toBe('${{ secrets.SONAR_TOKEN }}');
  });
});

describe('deploy.yml', () => {
  const deploy = workflow('deploy.yml');
  const app = stackNames('$ENVIRONMENT').app;

  it('runs on version tags, after the CI checks pass', () => {
    expect(deploy.on.push.tags).toEqual(['v*.*.*']);
    expect(deploy.jobs.ci!.uses).toBe('./.github/workflows/ci.yml');
    expect(deploy.jobs.images!.needs).toBe('ci');
    expect(deploy.jobs.deploy!.needs).toBe('images');
  });

  it('assumes an AWS role through OIDC in every job that touches AWS', () => {
    for (const name of ['images', 'deploy']) {
      const job = deploy.jobs[name]!;
      expect(job.permissions).toMatchObject({ 'id-token': 'write' });
      const credentials = job.steps!.find((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
      expect(Object.keys(credentials?.with ?? {}).sort()).toEqual(['aws-region', 'role-to-assume']);
    }
  });

  it('pushes both images to their ECR repositories under the commit SHA and the release tag', () => {
    const push = deploy.jobs.images!.steps!.find((step) => step.run?.includes('docker buildx build'))!.run!;
    expect(push).toMatch(/for target in api worker/);
    expect(repositoryNames('$ENVIRONMENT')).toEqual({ api: 'anb-$ENVIRONMENT-api', worker: 'anb-$ENVIRONMENT-worker' });
    expect(push).toContain('repository="anb-$ENVIRONMENT-$target"');
    expect(push).toContain('--target "$target"');
    expect(push).toContain('$repository:$IMAGE_TAG');
    expect(push).toContain('$repository:$RELEASE_TAG');
    expect(push).toContain('--push');
    expect(deploy.env?.IMAGE_TAG).toBe('${{ github.sha }}');
  });

  it('runs the migrations as their own step before the services move to the new image', () => {
    const jobSteps = deploy.jobs.deploy!.steps!;
    const at = (pattern: RegExp) => jobSteps.findIndex((step) => pattern.test(step.run ?? ''));
    const migrationImage = at(/-c imageTag="\$IMAGE_TAG" "\$\{keep\[@\]\}"/);
    const migrate = at(/npm run ops -- migrate --env "\$ENVIRONMENT"/);
    const services = at(/cdk deploy .*-c imageTag="\$IMAGE_TAG" \\\n.*--outputs-file/);
    expect(jobSteps[migrationImage]!.run).toContain('keep=(-c serviceImageTag="$PREVIOUS_TAG")');
    expect(jobSteps[migrationImage]!.run).toContain('keep=(-c servicesPaused=true)');
    expect(migrationImage).toBeGreaterThan(at(/echo "image-tag=/));
    expect(migrate).toBeGreaterThan(migrationImage);
    expect(services).toBeGreaterThan(migrate);
  });

  it('deploys the app stack with the new image, waits for stable services, and rolls back on failure', () => {
    const jobSteps = deploy.jobs.deploy!.steps!;
    const at = (pattern: RegExp) => jobSteps.findIndex((step) => pattern.test(step.run ?? ''));
    const deployStep = at(/cdk deploy "Anb-\$ENVIRONMENT-App" .*-c imageTag="\$IMAGE_TAG" \\\n.*--outputs-file/);
    const wait = at(/aws ecs wait services-stable/);
    expect(jobSteps[deployStep]!.run).toContain(`"${app}"`);
    expect(wait).toBeGreaterThan(deployStep);
    for (const output of ['ClusterName', 'ApiServiceName', 'WorkerServiceName', 'PublicUrl']) {
      expect(jobSteps[wait]!.run).toContain(`output ${output}`);
    }
    const rollback = jobSteps.at(-1)!;
    expect(rollback.if).toMatch(/^failure\(\)/);
    expect(rollback.run).toMatch(/cdk deploy "Anb-\$ENVIRONMENT-App" .*-c imageTag="\$PREVIOUS_TAG"/);
    expect(at(/echo "image-tag=/)).toBeLessThan(deployStep);
  });
});

describe('sonar-project.properties', () => {
  const properties = Object.fromEntries(
    read('sonar-project.properties')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')).trim(), line.slice(line.indexOf('=') + 1).trim()]),
  );

  it('names sources and tests that exist, and keeps tests out of the sources', () => {
    for (const key of ['sonar.sources', 'sonar.tests']) {
      for (const path of properties[key]!.split(','))
        expect(existsSync(new URL(path, root)), `${key}: ${path}`).toBe(true);
    }
    expect(properties['sonar.exclusions']).toContain('**/test/**');
    expect(properties['sonar.exclusions']).toContain('**/node_modules/**');
    expect(properties['sonar.test.inclusions']).toContain('**/test/**/*.ts');
  });

  it('reads coverage from the lcov file the CI test step writes', () => {
    expect(properties['sonar.javascript.lcov.reportPaths']).toBe('coverage/lcov.info');
  });
});
