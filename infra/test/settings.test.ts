import type { CfnJson } from './support/template-queries.ts';
import { describe, expect, it } from 'vitest';
import { readDeploymentSettings } from '../lib/settings.ts';
import { unknownVariables } from './support/app-env-names.ts';
import { cdkJsonContext } from './support/synth.ts';

type Json = Record<string, CfnJson>;
const baseContext = cdkJsonContext();

/** The context with one environment's settings edited, as an operator would edit cdk.json. */
function contextWith(envName: string, edit: (settings: Json) => void, extra: Json = {}) {
  const context = structuredClone(baseContext) as Json;
  edit(context['anb:environments'][envName]);
  Object.assign(context, extra, { env: envName });
  return (key: string) => context[key];
}

describe('deployment settings from context', () => {
  it('defaults to dev and takes the image tag from context', () => {
    const settings = readDeploymentSettings((key) => ({ ...baseContext, env: undefined, imageTag: 'v1.2.3' })[key]);
    expect(settings.envName).toBe('dev');
    expect(settings.imageTag).toBe('v1.2.3');
  });

  it('changes sizes through context alone', () => {
    const settings = readDeploymentSettings(contextWith('prod', (prod) => (prod.api.maxTasks = 6)));
    expect(settings.api.maxTasks).toBe(6);
  });

  it('names the known environments when asked for another', () => {
    expect(() => readDeploymentSettings((key) => ({ ...baseContext, env: 'staging' })[key])).toThrow(/dev, prod/);
  });

  it('refuses a visibility timeout that a slow job could outlive', () => {
    const read = contextWith('dev', (dev) => (dev.queue.visibilityTimeoutSeconds = dev.worker.maxJobSeconds));
    expect(() => readDeploymentSettings(read)).toThrow(
      /dev\.queue\.visibilityTimeoutSeconds: must exceed worker\.maxJobSeconds/,
    );
  });

  it('refuses a stop timeout above the 120 s Fargate allows', () => {
    expect(() => readDeploymentSettings(contextWith('dev', (dev) => (dev.worker.stopTimeoutSeconds = 121)))).toThrow(
      /stopTimeoutSeconds/,
    );
  });

  it('refuses a memory size Fargate does not offer for the CPU', () => {
    expect(() => readDeploymentSettings(contextWith('dev', (dev) => (dev.worker.memoryMiB = 1024)))).toThrow(
      /dev\.worker\.memoryMiB: not a Fargate size for 1024 CPU units/,
    );
  });

  it('refuses a parameter that would shadow a value the stack derives', () => {
    const read = contextWith('dev', (dev) => (dev.parameters.worker.QUEUE_VISIBILITY_TIMEOUT = '30'));
    expect(() => readDeploymentSettings(read)).toThrow(/QUEUE_VISIBILITY_TIMEOUT: is set by the CDK app/);
  });

  it('refuses a retention period CloudWatch Logs does not accept', () => {
    expect(() => readDeploymentSettings(contextWith('dev', (dev) => (dev.logRetentionDays = 10)))).toThrow(
      /logRetentionDays/,
    );
  });

  it('puts in Parameter Store only settings the app config schema defines', () => {
    for (const envName of Object.keys(baseContext['anb:environments'] as Json)) {
      const { parameters } = readDeploymentSettings((key) => ({ ...baseContext, env: envName })[key]);
      const names = [
        ...Object.keys(parameters.shared),
        ...Object.keys(parameters.api),
        ...Object.keys(parameters.worker),
      ];
      expect(unknownVariables(names), envName).toEqual([]);
    }
  });
});
