import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOB_METRIC_DIMENSION, JOB_METRIC_NAMES } from '../../apps/worker/src/job-metrics.ts';
import { API_HEALTH_CHECK_COMMAND } from '../lib/constructs/api-service.ts';
import { ONE_OFF_ENTRY_POINT } from '../../apps/ops/src/one-off-task.ts';
import { MIGRATE_COMMAND, MIGRATE_ENTRY_POINT } from '../lib/constructs/migration-task.ts';
import { WORKER_HEALTH_CHECK_COMMAND } from '../lib/constructs/worker-service.ts';
import { PLACEHOLDER_CERTIFICATE_ARN, PLACEHOLDER_EMAIL } from '../scripts/placeholders.ts';
import { synthesizeEnvironment, TEST_IMAGE_TAG } from './support/synth.ts';
import {
  asArray,
  type CfnJson,
  container,
  migrationContainer,
  onlyResource,
  render,
  resourcesOf,
  statementsOfRole,
} from './support/template-queries.ts';

let dev: ReturnType<typeof synthesizeEnvironment>;
let prod: ReturnType<typeof synthesizeEnvironment>;
beforeAll(() => {
  dev = synthesizeEnvironment('dev');
  prod = synthesizeEnvironment('prod');
});

const alarmsOf = (synth: typeof prod) =>
  resourcesOf(synth.template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
const metricsOf = (alarm: Record<string, CfnJson>): Array<Record<string, CfnJson>> =>
  alarm.MetricName
    ? [{ Namespace: alarm.Namespace, MetricName: alarm.MetricName, Dimensions: alarm.Dimensions }]
    : (alarm.Metrics as CfnJson[]).filter((query) => query.MetricStat).map((query) => query.MetricStat.Metric);
const alarmWatching = (synth: typeof prod, namespace: string, metricName: string, dimension?: string) =>
  alarmsOf(synth).filter((alarm) =>
    metricsOf(alarm).some(
      (metric) =>
        metric.Namespace === namespace &&
        metric.MetricName === metricName &&
        (dimension === undefined || JSON.stringify(metric.Dimensions).includes(dimension)),
    ),
  );
const serviceLogicalId = (synth: typeof prod, service: 'api' | 'worker') =>
  onlyResource(synth.template, 'AWS::ECS::Service', (r) => String(r.Properties.ServiceName).endsWith(`-${service}`))
    .logicalId;

describe('prod: HTTPS only, and alarms that reach someone', () => {
  it('serves HTTPS on 443 with the certificate from cdk.json and a TLS 1.2+ policy', () => {
    const https = onlyResource(
      prod.template,
      'AWS::ElasticLoadBalancingV2::Listener',
      (r) => r.Properties.Port === 443,
    );
    expect(https.properties).toMatchObject({
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [{ CertificateArn: PLACEHOLDER_CERTIFICATE_ARN }],
    });
    // Only CloudFront's requests reach the tasks (cdn-front-door.test.ts); anything else is refused.
    expect(https.properties.DefaultActions).toEqual([expect.objectContaining({ Type: 'fixed-response' })]);
  });

  it('listens on 443 only: CloudFront redirects viewers from HTTP and reaches the ALB over HTTPS', () => {
    const listeners = resourcesOf(prod.template, 'AWS::ElasticLoadBalancingV2::Listener');
    expect(listeners.map(([, listener]) => listener.Properties.Port)).toEqual([443]);
    const outputs = prod.template.findOutputs('PublicUrl');
    expect(render(outputs.PublicUrl?.Value)).toMatch(/^https:\/\//);
  });

  it('subscribes the e-mail addresses of cdk.json to the topic every alarm and the budget notify', () => {
    const topic = onlyResource(prod.template, 'AWS::SNS::Topic');
    const subscription = onlyResource(prod.template, 'AWS::SNS::Subscription');
    expect(subscription.properties).toEqual({
      Protocol: 'email',
      Endpoint: PLACEHOLDER_EMAIL,
      TopicArn: { Ref: topic.logicalId },
    });
    for (const alarm of alarmsOf(prod)) expect(alarm.AlarmActions).toEqual([{ Ref: topic.logicalId }]);
  });

  it('never names an image "latest": both services and the migration run the tag given at synthesis', () => {
    for (const synth of [dev, prod]) {
      for (const template of [synth.template, synth.registryTemplate]) {
        expect(JSON.stringify(template.toJSON())).not.toMatch(/:latest\b|"latest"/);
      }
      for (const view of [container(synth.template, 'api'), container(synth.template, 'worker')]) {
        expect(render(view.definition.Image)).toMatch(new RegExp(`:${TEST_IMAGE_TAG}$`));
      }
    }
  });
});

describe('dev: plain HTTP is allowed, with a warning', () => {
  it('serves HTTP on 80 and warns at synthesis that credentials travel in clear', () => {
    const listener = onlyResource(dev.template, 'AWS::ElasticLoadBalancingV2::Listener');
    expect(listener.properties).toMatchObject({ Port: 80, Protocol: 'HTTP' });
    Annotations.fromStack(dev.appStack).hasWarning('*', Match.stringLikeRegexp('plain HTTP'));
  });
});

describe('alarms on every layer, and one dashboard', () => {
  it('alarms on CPU and memory of each ECS service', () => {
    for (const service of ['api', 'worker'] as const) {
      const id = serviceLogicalId(prod, service);
      expect(alarmWatching(prod, 'AWS/ECS', 'MemoryUtilization', id), `${service} memory`).toHaveLength(1);
      expect(alarmWatching(prod, 'AWS/ECS', 'CPUUtilization', id), `${service} CPU`).toHaveLength(1);
    }
    const idleCpu = alarmWatching(prod, 'AWS/ECS', 'CPUUtilization', serviceLogicalId(prod, 'worker'))[0]!;
    expect(idleCpu.Metrics.find((query: CfnJson) => query.ReturnData !== false).Expression).toMatch(/^IF\(/);
  });

  it('alarms on unhealthy API targets and on database CPU, free storage and connections', () => {
    expect(alarmWatching(prod, 'AWS/ApplicationELB', 'UnHealthyHostCount')).toHaveLength(1);
    expect(alarmWatching(prod, 'AWS/RDS', 'CPUUtilization')[0]?.Threshold).toBe(
      prod.settings.alarms.databaseCpuPercent,
    );
    expect(alarmWatching(prod, 'AWS/RDS', 'FreeStorageSpace')[0]).toMatchObject({
      Threshold: prod.settings.alarms.databaseFreeStorageGiB * 1024 ** 3,
      ComparisonOperator: 'LessThanThreshold',
    });
    expect(alarmWatching(prod, 'AWS/RDS', 'DatabaseConnections')[0]?.Threshold).toBe(
      prod.settings.alarms.databaseConnections,
    );
  });

  it("alarms on the worker's job failure rate, from the metrics the worker logs in embedded metric format", () => {
    const namespace = String(container(prod.template, 'worker').environment.METRICS_NAMESPACE);
    expect(namespace).toBe('ANB/prod/worker');
    const [failureRate, ...others] = alarmWatching(prod, namespace, JOB_METRIC_NAMES.failed);
    expect(others).toEqual([]);
    expect(failureRate?.Threshold).toBe(prod.settings.alarms.jobFailurePercent);
    const watched = metricsOf(failureRate!);
    expect(watched.map((metric) => metric.MetricName).sort()).toEqual(
      [JOB_METRIC_NAMES.failed, JOB_METRIC_NAMES.processed, JOB_METRIC_NAMES.rejected].sort(),
    );
    for (const metric of watched) {
      expect(metric.Dimensions).toEqual(Object.entries(JOB_METRIC_DIMENSION).map(([Name, Value]) => ({ Name, Value })));
    }
  });

  it('draws one dashboard of requests, latency, errors, queue depth and age, tasks, jobs and the database', () => {
    const { properties } = onlyResource(prod.template, 'AWS::CloudWatch::Dashboard');
    const body = render(properties.DashboardBody);
    for (const metric of [
      'RequestCount',
      'TargetResponseTime',
      'HTTPCode_Target_5XX_Count',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateAgeOfOldestMessage',
      'RunningTaskCount',
      JOB_METRIC_NAMES.duration,
      JOB_METRIC_NAMES.failed,
      'DatabaseConnections',
      'FreeStorageSpace',
    ]) {
      expect(body, metric).toContain(`"${metric}"`);
    }
  });
});

describe('worker health and scale-in protection', () => {
  it('gives every long-running container a health check: the API its liveness URL, the worker its heartbeat', () => {
    for (const synth of [dev, prod]) {
      expect(container(synth.template, 'api').definition.HealthCheck).toMatchObject({
        Command: API_HEALTH_CHECK_COMMAND,
      });
      expect(container(synth.template, 'worker').definition.HealthCheck).toMatchObject({
        Command: WORKER_HEALTH_CHECK_COMMAND,
        Interval: 30,
        Retries: 3,
      });
      for (const [, task] of resourcesOf(synth.template, 'AWS::ECS::TaskDefinition')) {
        if (String(task.Properties.Family).endsWith('-migrate')) continue;
        for (const definition of task.Properties.ContainerDefinitions) expect(definition.HealthCheck).toBeDefined();
      }
    }
  });

  it('lets the worker set scale-in protection on tasks of its own cluster only, and tells it the job budget', () => {
    const worker = container(prod.template, 'worker');
    const statements = statementsOfRole(prod.template, worker.task.TaskRoleArn['Fn::GetAtt'][0]);
    const protection = statements.find((statement) => asArray(statement.Action).includes('ecs:UpdateTaskProtection'));
    const cluster = onlyResource(prod.template, 'AWS::ECS::Cluster').logicalId;
    expect(render(protection?.Resource)).toBe(`arn:aws:ecs:us-east-1:123456789012:task/<${cluster}>/*`);
    expect(Number(worker.environment.WORKER_MAX_JOB_SECONDS)).toBe(2 * prod.settings.worker.maxJobSeconds);
    const api = container(prod.template, 'api').task.TaskRoleArn['Fn::GetAtt'][0];
    expect(JSON.stringify(statementsOfRole(prod.template, api))).not.toContain('TaskProtection');
  });
});

describe('migrations as their own step', () => {
  it('runs the migrate program of the API image as a one-off task, reaching the database from its own group', () => {
    const migration = migrationContainer(prod.template);
    expect([...migration.definition.EntryPoint, ...migration.definition.Command]).toEqual([
      'node',
      'apps/api/src/migrate.ts',
    ]);
    expect([...MIGRATE_ENTRY_POINT, ...MIGRATE_COMMAND]).toEqual(['node', 'apps/api/src/migrate.ts']);
    expect(migration.definition.HealthCheck).toBeUndefined();
    expect(render(migration.definition.Image)).toContain('anb-prod-api');
    expect(migration.environment).toMatchObject({ DATABASE_APP_ROLE: 'anb_app', PGSSLMODE: 'verify-full' });
    const group = onlyResource(prod.template, 'AWS::EC2::SecurityGroup', (r) =>
      String(r.Properties.GroupDescription).startsWith('Migration task'),
    );
    const ingress = resourcesOf(prod.template, 'AWS::EC2::SecurityGroupIngress').map(([, rule]) => rule.Properties);
    expect(ingress).toContainEqual(
      expect.objectContaining({
        SourceSecurityGroupId: { 'Fn::GetAtt': [group.logicalId, 'GroupId'] },
        FromPort: { 'Fn::GetAtt': [onlyResource(prod.template, 'AWS::RDS::DBInstance').logicalId, 'Endpoint.Port'] },
      }),
    );
    const outputs = Object.keys(prod.template.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining(['MigrationTaskDefinitionArn', 'MigrationSecurityGroupId', 'AppSubnetIds']),
    );
  });

  it("lets ops run the image's admin program with a command override: node is the whole entry point", () => {
    // RunTask overrides a container's command, never its entry point (apps/ops/src/one-off-task.ts checks it too).
    const migration = migrationContainer(prod.template);
    expect(migration.definition.Name).toBe('app');
    expect(migration.definition.EntryPoint).toEqual(ONE_OFF_ENTRY_POINT);
  });

  it('tells the services not to migrate at boot', () => {
    for (const service of ['api', 'worker'] as const) {
      expect(container(prod.template, service).environment.MIGRATE_ON_BOOT).toBe('false');
    }
  });

  it('moves the migration task to the new image while the services keep the one they run', () => {
    const phased = synthesizeEnvironment('dev', { imageTag: 'new-release', serviceImageTag: 'running-release' });
    expect(render(migrationContainer(phased.template).definition.Image)).toMatch(/:new-release$/);
    for (const service of ['api', 'worker'] as const) {
      expect(render(container(phased.template, service).definition.Image)).toMatch(/:running-release$/);
    }
  });

  it('starts a new environment with no service task until the first migration has run', () => {
    const paused = synthesizeEnvironment('dev', { servicesPaused: 'true' });
    for (const [, service] of resourcesOf(paused.template, 'AWS::ECS::Service')) {
      expect(service.Properties.DesiredCount).toBe(0);
    }
    for (const [, target] of resourcesOf(paused.template, 'AWS::ApplicationAutoScaling::ScalableTarget')) {
      expect(target.Properties).toMatchObject({ MinCapacity: 0, MaxCapacity: 0 });
    }
  });
});
