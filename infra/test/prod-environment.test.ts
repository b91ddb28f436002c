import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeEnvironment } from './support/synth.ts';
import { container, onlyResource, resourcesOf } from './support/template-queries.ts';

let synth: ReturnType<typeof synthesizeEnvironment>;
beforeAll(() => {
  synth = synthesizeEnvironment('prod');
});

describe('prod environment, selected with -c env=prod', () => {
  it('sizes tasks from the prod context, not from code', () => {
    for (const service of ['api', 'worker'] as const) {
      const { task } = container(synth.template, service);
      expect(task.Cpu, service).toBe(String(synth.settings[service].cpu));
      expect(task.Memory, service).toBe(String(synth.settings[service].memoryMiB));
    }
    expect(container(synth.template, 'worker').environment.WORKER_CONCURRENCY).toBe(
      String(synth.settings.worker.concurrency),
    );
    synth.template.resourceCountIs('AWS::EC2::NatGateway', synth.settings.natGateways);
  });

  it('runs the database Multi-AZ with deletion protection and snapshots it on stack deletion', () => {
    const { resource, properties } = onlyResource(synth.template, 'AWS::RDS::DBInstance');
    expect(properties).toMatchObject({
      MultiAZ: true,
      DeletionProtection: true,
      DBInstanceClass: `db.${synth.settings.database.instanceType}`,
    });
    expect((resource as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Snapshot');
  });

  it('retains the bucket, queues, secrets, repositories and log groups when the stack is deleted', () => {
    for (const type of ['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup']) {
      for (const [logicalId, resource] of resourcesOf(synth.template, type)) {
        expect((resource as unknown as { DeletionPolicy: string }).DeletionPolicy, `${type} ${logicalId}`).toBe(
          'Retain',
        );
      }
    }
    for (const [, repository] of resourcesOf(synth.registryTemplate, 'AWS::ECR::Repository')) {
      expect((repository as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Retain');
    }
  });

  it('passes the AwsSolutions checks without the dev-only database acknowledgements', () => {
    expect(synth.nagReport.violations.map((violation) => violation.ruleName)).toEqual([]);
    const acknowledged = synth.app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.map((entry) => Object.keys((entry.data ?? {}) as object)).flat());
    expect(acknowledged.filter((id) => /AwsSolutions-RDS(3|10)$/.test(id))).toEqual([]);
  });
});
