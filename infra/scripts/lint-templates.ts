import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { buildStacks } from '../lib/app.ts';
import { withProductionPlaceholders } from './placeholders.ts';

/**
 * Synthesizes every environment of cdk.json (cdk-nag runs as part of it) into cdk.out/<env>, then runs AWS's
 * cfn-lint over the templates with .cfnlintrc.yaml. With --placeholders, a production environment whose
 * certificate, e-mail or mail-domain slot is still empty gets a placeholder (and the deploy-role stack is added),
 * so CI can check what an operator will deploy.
 *
 *   node scripts/lint-templates.ts [--placeholders] [env ...]
 */
const infraDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function contextFor(envName: string, placeholders: boolean): Record<string, unknown> {
  const { context } = JSON.parse(readFileSync(path.join(infraDir, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  if (!placeholders) return { ...context, env: envName, imageTag: imageTag() };
  // A repository name adds the GitHub deploy-role stack, so it is linted too.
  return {
    githubRepository: 'example-org/anb-rising-stars',
    ...withProductionPlaceholders(context),
    env: envName,
    imageTag: imageTag(),
  };
}

/** The commit being checked; the tag only has to be a valid one, nothing is pulled. */
function imageTag(): string {
  if (process.env.IMAGE_TAG) return process.env.IMAGE_TAG;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: infraDir, encoding: 'utf8' }).trim();
  } catch {
    return 'unversioned-checkout';
  }
}

function synthesize(envName: string, placeholders: boolean): string[] {
  const outdir = path.join(infraDir, 'cdk.out', envName);
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, context: contextFor(envName, placeholders) });
  buildStacks(app);
  app.synth();
  return readdirSync(outdir)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => path.join(outdir, file));
}

const args = process.argv.slice(2);
const placeholders = args.includes('--placeholders');
const requested = args.filter((arg) => !arg.startsWith('--'));
const environments = requested.length > 0 ? requested : ['dev', 'prod'];

let failed = false;
for (const envName of environments) {
  const templates = synthesize(envName, placeholders);
  console.log(`${envName}: synthesized ${templates.length} templates; cfn-lint:`);
  const lint = spawnSync('cfn-lint', ['--config-file', path.join(infraDir, '.cfnlintrc.yaml'), '--', ...templates], {
    stdio: 'inherit',
  });
  if (lint.error)
    throw new Error(`cannot run cfn-lint (${lint.error.message}); install it with: pipx install cfn-lint`);
  if (lint.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
