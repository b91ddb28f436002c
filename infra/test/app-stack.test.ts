import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { READINESS_PATH } from '../lib/constructs/api-service.ts';
import { repositoryNames } from '../lib/names.ts';
import { DERIVED_VARIABLES } from '../lib/settings.ts';
import { unknownVariables } from './support/app-env-names.ts';
import { synthesizeEnvironment } from './support/synth.ts';
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

let synth: ReturnType<typeof synthesizeEnvironment>;
beforeAll(() => {
  synth = synthesizeEnvironment('dev', { githubRepository: GITHUB_REPOSITORY });
});

const GITHUB_REPOSITORY = 'anb-org/anb-rising-stars';

const scalableTargetOf = (service: 'api' | 'worker') =>
  onlyResource(synth.template, 'AWS::ApplicationAutoScaling::ScalableTarget', (r) =>
    render(r.Properties.ResourceId).includes(service === 'api' ? '<ApiService' : '<WorkerService'),
  );
const policiesOf = (targetLogicalId: string) =>
  resourcesOf(synth.template, 'AWS::ApplicationAutoScaling::ScalingPolicy')
    .map(([, policy]) => policy.Properties)
    .filter((policy) => policy.ScalingTargetId?.Ref === targetLogicalId);
const taskRoleOf = (service: 'api' | 'worker') =>
  container(synth.template, service).task.TaskRoleArn['Fn::GetAtt'][0] as string;
const allowed = (statements: Array<Record<string, CfnJson>>, action: string, resourceSuffix: string) =>
  statements.some(
    (statement) =>
      statement.Effect === 'Allow' &&
      asArray(statement.Action).includes(action) &&
      asArray(statement.Resource).some((resource) => render(resource).endsWith(resourceSuffix)),
  );

describe('dev environment: network, registry and cluster', () => {
  it('spreads the network over two availability zones, with a NAT gateway count taken from context', () => {
    const subnets = resourcesOf(synth.template, 'AWS::EC2::Subnet').map(([, subnet]) => subnet.Properties);
    expect(new Set(subnets.map((subnet) => subnet.AvailabilityZone)).size).toBe(2);
    expect(subnets.filter((subnet) => subnet.MapPublicIpOnLaunch === true)).toHaveLength(2);
    synth.template.resourceCountIs('AWS::EC2::NatGateway', synth.settings.natGateways);
  });

  it('creates one immutable, scan-on-push ECR repository per image in the registry stack', () => {
    const repositories = resourcesOf(synth.registryTemplate, 'AWS::ECR::Repository').map(
      ([, repository]) => repository.Properties,
    );
    expect(repositories.map((repository) => repository.RepositoryName).sort()).toEqual(
      Object.values(repositoryNames('dev')).sort(),
    );
    for (const repository of repositories) {
      expect(repository.ImageTagMutability).toBe('IMMUTABLE');
      expect(repository.ImageScanningConfiguration).toEqual({ ScanOnPush: true });
    }
  });

  it('runs both services on one ECS cluster with Container Insights, which the worker scaling metric needs', () => {
    const { properties } = onlyResource(synth.template, 'AWS::ECS::Cluster');
    expect(properties.ClusterSettings).toContainEqual({ Name: 'containerInsights', Value: 'enabled' });
    const services = resourcesOf(synth.template, 'AWS::ECS::Service').map(([, service]) => service.Properties);
    expect(services).toHaveLength(2);
    for (const service of services) {
      expect(service.DeploymentConfiguration.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
      expect(service.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
    }
  });
});

describe('dev environment: API service', () => {
  it('health-checks the API through the load balancer on the readiness path', () => {
    const { properties } = onlyResource(synth.template, 'AWS::ElasticLoadBalancingV2::TargetGroup');
    expect(properties).toMatchObject({
      HealthCheckPath: READINESS_PATH,
      Port: 8000,
      TargetType: 'ip',
      Matcher: { HttpCode: '200' },
    });
    expect(container(synth.template, 'api').definition.PortMappings).toEqual([
      { ContainerPort: 8000, Protocol: 'tcp' },
    ]);
  });

  it('scales the API between 1 and 3 tasks on CPU and on requests per target', () => {
    const target = scalableTargetOf('api');
    expect(target.properties).toMatchObject({ MinCapacity: 1, MaxCapacity: 3 });
    const metrics = policiesOf(target.logicalId).map((policy) => policy.TargetTrackingScalingPolicyConfiguration);
    expect(metrics.map((config) => config.PredefinedMetricSpecification.PredefinedMetricType).sort()).toEqual([
      'ALBRequestCountPerTarget',
      'ECSServiceAverageCPUUtilization',
    ]);
    const requests = metrics.find(
      (config) => config.PredefinedMetricSpecification.PredefinedMetricType === 'ALBRequestCountPerTarget',
    );
    expect(requests.TargetValue).toBe(synth.settings.api.requestsPerTargetPerMinute);
  });

  it('gives the ALB an idle timeout long enough for 100 MB uploads and writes its access logs', () => {
    const { properties } = onlyResource(synth.template, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    const attributes = Object.fromEntries(
      (properties.LoadBalancerAttributes as Array<{ Key: string; Value: string }>).map(({ Key, Value }) => [
        Key,
        Value,
      ]),
    );
    expect(Number(attributes['idle_timeout.timeout_seconds'])).toBeGreaterThanOrEqual(120);
    expect(attributes['access_logs.s3.enabled']).toBe('true');
  });
});

describe('dev environment: worker service and queue', () => {
  it('scales the worker between 1 and 3 tasks on visible messages per running task, never on CPU', () => {
    const target = scalableTargetOf('worker');
    expect(target.properties).toMatchObject({ MinCapacity: 1, MaxCapacity: 3 });
    const policies = policiesOf(target.logicalId);
    expect(policies).toHaveLength(1);
    const config = policies[0]!.TargetTrackingScalingPolicyConfiguration;
    expect(config.PredefinedMetricSpecification).toBeUndefined();
    expect(config.TargetValue).toBe(synth.settings.worker.backlogPerTask);
    const queries = config.CustomizedMetricSpecification.Metrics as Array<Record<string, CfnJson>>;
    const byId = Object.fromEntries(queries.map((query) => [query.Id, query]));
    const returned = queries.filter((query) => query.ReturnData !== false);
    expect(returned).toHaveLength(1);
    const [numerator, denominator] = returned[0]!.Expression.split('/').map((part: string) => part.trim());
    expect(byId[numerator].MetricStat.Metric).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
    expect(render(byId[numerator].MetricStat.Metric.Dimensions[0].Value)).toMatch(/^<VideoJobs[A-Z0-9]+\.QueueName>$/);
    expect(byId[denominator].MetricStat.Metric).toMatchObject({
      Namespace: 'ECS/ContainerInsights',
      MetricName: 'RunningTaskCount',
    });
    expect(render(byId[denominator].MetricStat.Metric.Dimensions[1].Value)).toMatch(/^<WorkerService[A-Z0-9]+\.Name>$/);
  });

  it('lets a running video finish: 120 s stop timeout, and the worker told to release its job before SIGKILL', () => {
    const worker = container(synth.template, 'worker');
    expect(worker.definition.StopTimeout).toBe(120);
    const ownDeadline = Number(worker.environment.WORKER_STOP_TIMEOUT);
    expect(ownDeadline).toBeGreaterThan(0);
    expect(ownDeadline).toBeLessThan(worker.definition.StopTimeout);
  });

  it('hides a job for longer than the worst-case processing time and tells the worker the same numbers', () => {
    const { properties: queue } = onlyResource(
      synth.template,
      'AWS::SQS::Queue',
      (r) => r.Properties.RedrivePolicy !== undefined,
    );
    const { logicalId: dlqId } = onlyResource(
      synth.template,
      'AWS::SQS::Queue',
      (r) => r.Properties.RedrivePolicy === undefined,
    );
    const worker = container(synth.template, 'worker').environment;
    expect(queue.VisibilityTimeout).toBeGreaterThan(synth.settings.worker.maxJobSeconds);
    expect(String(queue.VisibilityTimeout)).toBe(worker.QUEUE_VISIBILITY_TIMEOUT);
    expect(queue.ReceiveMessageWaitTimeSeconds).toBe(20);
    expect(queue.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [dlqId, 'Arn'] });
    expect(String(queue.RedrivePolicy.maxReceiveCount)).toBe(worker.QUEUE_MAX_RECEIVES);
    expect(container(synth.template, 'api').environment.QUEUE_MAX_RECEIVES).toBe(worker.QUEUE_MAX_RECEIVES);
    // The worker reads the dead-letter count for its queue depth (depth().dead).
    expect(worker.SQS_DLQ_URL).toEqual({ Ref: dlqId });
  });
});

describe('dev environment: data', () => {
  it('keeps the media bucket private, encrypted and TLS-only, and aborts stale multipart uploads', () => {
    const { logicalId, properties } = onlyResource(
      synth.template,
      'AWS::S3::Bucket',
      (r) => r.Properties.LoggingConfiguration !== undefined,
    );
    expect(properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
    ).toBe('AES256');
    expect(properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
    );
    expect(properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Prefix: 'resumable/', ExpirationInDays: 2, Status: 'Enabled' }),
    );
    const policy = onlyResource(
      synth.template,
      'AWS::S3::BucketPolicy',
      (r) => r.Properties.Bucket.Ref === logicalId,
    ).properties;
    expect(policy.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('runs PostgreSQL 17 on encrypted private storage; the services get the app role secret, the migration the master', () => {
    const { properties } = onlyResource(synth.template, 'AWS::RDS::DBInstance');
    expect(properties).toMatchObject({ Engine: 'postgres', StorageEncrypted: true, PubliclyAccessible: false });
    expect(String(properties.EngineVersion)).toMatch(/^17(\.|$)/);
    const secretNamed = (suffix: string) =>
      onlyResource(synth.template, 'AWS::SecretsManager::Secret', (r) => String(r.Properties.Name).endsWith(suffix));
    const attachmentOf = (secretId: string) =>
      onlyResource(
        synth.template,
        'AWS::SecretsManager::SecretTargetAttachment',
        (r) => r.Properties.SecretId.Ref === secretId,
      );
    const master = attachmentOf(secretNamed('/database').logicalId);
    const app = attachmentOf(secretNamed('/database-app').logicalId);
    for (const secret of [secretNamed('/database'), secretNamed('/database-app')]) {
      expect(JSON.parse(secret.properties.GenerateSecretString.SecretStringTemplate)).toMatchObject({ dbname: 'anb' });
    }
    for (const service of ['api', 'worker'] as const) {
      expect(render(container(synth.template, service).environment.DATABASE_URL)).toBe(
        `secretsmanager:<${app.logicalId}>`,
      );
    }
    const migration = migrationContainer(synth.template);
    expect(render(migration.environment.DATABASE_URL)).toBe(`secretsmanager:<${master.logicalId}>`);
    expect(render(migration.secrets.DATABASE_APP_PASSWORD)).toBe(`<${app.logicalId}>:password::`);
  });

  it('injects the JWT key from Secrets Manager and the tunables from Parameter Store through ECS secrets', () => {
    const jwt = onlyResource(synth.template, 'AWS::SecretsManager::Secret', (r) =>
      String(r.Properties.Name).endsWith('/jwt'),
    );
    const api = container(synth.template, 'api');
    expect(api.secrets.JWT_SECRET).toEqual({ Ref: jwt.logicalId });
    expect(api.environment.JWT_SECRET).toBeUndefined();
    const parameters = resourcesOf(synth.template, 'AWS::SSM::Parameter');
    const expected = {
      ...synth.settings.parameters.shared,
      ...synth.settings.parameters.api,
      ...synth.settings.parameters.worker,
    };
    expect(Object.fromEntries(parameters.map(([, p]) => [p.Properties.Name, p.Properties.Value]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([name, value]) => [`/anb/dev/${name}`, value])),
    );
    for (const [logicalId, parameter] of parameters) {
      const variable = String(parameter.Properties.Name).split('/').pop()!;
      const audiences = (['api', 'worker'] as const).filter(
        (service) => variable in container(synth.template, service).secrets,
      );
      expect(audiences.length, variable).toBeGreaterThan(0);
      for (const service of audiences)
        expect(render(container(synth.template, service).secrets[variable])).toContain(`<${logicalId}>`);
    }
  });

  it('gives the containers only environment names that the app config schema defines', () => {
    const migration = migrationContainer(synth.template);
    expect(unknownVariables([...Object.keys(migration.environment), ...Object.keys(migration.secrets)])).toEqual([]);
    for (const service of ['api', 'worker'] as const) {
      const { environment, secrets } = container(synth.template, service);
      expect(unknownVariables([...Object.keys(environment), ...Object.keys(secrets)]), service).toEqual([]);
      // Plain values are the derived ones, which context parameters may not shadow.
      expect(
        Object.keys(environment).filter((name) => !DERIVED_VARIABLES.includes(name)),
        service,
      ).toEqual([]);
      expect(environment).toMatchObject({ STORAGE: 's3', QUEUE: 'sqs' });
    }
    expect(container(synth.template, 'api').environment).toMatchObject({
      PORT: '8000',
      HOST: '0.0.0.0',
      // Behind CloudFront: the ALB node and the CloudFront edge (cdn-front-door.test.ts has the other case).
      TRUST_PROXY: '2',
    });
  });
});

describe('dev environment: least privilege', () => {
  it('lets the API write originals and read processed media, but not write processed media', () => {
    const statements = statementsOfRole(synth.template, taskRoleOf('api'));
    expect(allowed(statements, 's3:PutObject', '/uploaded/*')).toBe(true);
    expect(allowed(statements, 's3:GetObject', '/processed/*')).toBe(true);
    expect(allowed(statements, 's3:PutObject', '/processed/*')).toBe(false);
    expect(allowed(statements, 's3:ListMultipartUploadParts', '/resumable/*')).toBe(true);
    expect(allowed(statements, 's3:PutObject', '/resumable/*')).toBe(true);
    expect(allowed(statements, 'sqs:SendMessage', '.Arn>')).toBe(true);
    expect(allowed(statements, 'sqs:ReceiveMessage', '.Arn>')).toBe(false);
  });

  it('lets the worker read originals and write processed media, but not touch originals or enqueue', () => {
    const statements = statementsOfRole(synth.template, taskRoleOf('worker'));
    expect(allowed(statements, 's3:GetObject', '/uploaded/*')).toBe(true);
    expect(allowed(statements, 's3:PutObject', '/uploaded/*')).toBe(false);
    expect(allowed(statements, 's3:DeleteObject', '/uploaded/*')).toBe(false);
    expect(allowed(statements, 's3:PutObject', '/processed/*')).toBe(true);
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']) {
      expect(allowed(statements, action, '.Arn>'), action).toBe(true);
    }
    expect(allowed(statements, 'sqs:SendMessage', '.Arn>')).toBe(false);
    // The dead-letter queue: its depth only.
    const { logicalId: dlqId } = onlyResource(
      synth.template,
      'AWS::SQS::Queue',
      (r) => r.Properties.RedrivePolicy === undefined,
    );
    expect(allowed(statements, 'sqs:GetQueueAttributes', `<${dlqId}.Arn>`)).toBe(true);
    expect(allowed(statements, 'sqs:ReceiveMessage', `<${dlqId}.Arn>`)).toBe(false);
  });

  it('uses no wildcard action and no "*" resource in either task role', () => {
    for (const service of ['api', 'worker'] as const) {
      for (const statement of statementsOfRole(synth.template, taskRoleOf(service))) {
        expect(
          asArray(statement.Action).filter(
            (action: string) => action.includes('*') && !action.endsWith('GetSecretValue'),
          ),
        ).toEqual([]);
        expect(asArray(statement.Resource)).not.toContain('*');
      }
    }
  });
});

describe('dev environment: operations', () => {
  it('keeps every log group for the retention configured in context', () => {
    const groups = resourcesOf(synth.template, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const [, group] of groups) expect(group.Properties.RetentionInDays).toBe(synth.settings.logRetentionDays);
  });

  it('alarms on 5xx rate, p95 latency, dead letters and oldest message age, all notifying the topic', () => {
    const topic = onlyResource(synth.template, 'AWS::SNS::Topic');
    const alarms = resourcesOf(synth.template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    expect(alarms).toHaveLength(13);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topic.logicalId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topic.logicalId }]);
    }
    const fiveXx = alarms.find((alarm) =>
      alarm.Metrics?.some((m: CfnJson) => String(m.Expression ?? '').includes('5xx')),
    );
    expect(fiveXx?.Threshold).toBe(synth.settings.alarms.api5xxPercent);
    const latency = alarms.find((alarm) => alarm.MetricName === 'TargetResponseTime');
    expect(latency).toMatchObject({ ExtendedStatistic: 'p95', Threshold: synth.settings.alarms.apiP95Seconds });
    const dlq = onlyResource(synth.template, 'AWS::SQS::Queue', (r) => r.Properties.RedrivePolicy === undefined);
    const deadLetters = alarms.find(
      (alarm) =>
        alarm.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(alarm.Dimensions).includes(dlq.logicalId),
    );
    expect(deadLetters).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    const oldest = alarms.find((alarm) => alarm.MetricName === 'ApproximateAgeOfOldestMessage');
    expect(oldest?.Threshold).toBe(synth.settings.alarms.oldestMessageSeconds);
  });

  it('sets a monthly cost budget from context that notifies the same topic', () => {
    const topic = onlyResource(synth.template, 'AWS::SNS::Topic');
    const { properties } = onlyResource(synth.template, 'AWS::Budgets::Budget');
    expect(properties.Budget).toMatchObject({
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      BudgetLimit: { Amount: synth.settings.monthlyBudgetUsd, Unit: 'USD' },
    });
    for (const notification of properties.NotificationsWithSubscribers) {
      expect(notification.Subscribers).toEqual([{ SubscriptionType: 'SNS', Address: { Ref: topic.logicalId } }]);
    }
  });

  it('exports the names the deploy workflow waits on', () => {
    const outputs = Object.keys(synth.template.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining(['ClusterName', 'ApiServiceName', 'WorkerServiceName', 'LoadBalancerDns']),
    );
  });
});

describe('dev environment: deploy access for GitHub Actions', () => {
  it('lets only jobs of this repository running in the matching GitHub environment assume the role, via OIDC', () => {
    const { properties } = onlyResource(synth.deployAccessTemplate!, 'AWS::IAM::Role');
    const [trust] = properties.AssumeRolePolicyDocument.Statement;
    expect(trust.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust.Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': `repo:${GITHUB_REPOSITORY}:environment:dev` },
    });
    expect(properties.RoleName).toBe('anb-dev-github-deploy');
  });

  it("lets the role push only this environment's images and otherwise act through the CDK bootstrap roles", () => {
    const { logicalId } = onlyResource(synth.deployAccessTemplate!, 'AWS::IAM::Role');
    const statements = statementsOfRole(synth.deployAccessTemplate!, logicalId);
    const push = statements.find((statement) => statement.Sid === 'PushImages');
    expect(asArray(push?.Resource).map(render).sort()).toEqual(
      Object.values(repositoryNames('dev'))
        .map((name) => `arn:aws:ecr:us-east-1:123456789012:repository/${name}`)
        .sort(),
    );
    const broad = statements.filter((statement) =>
      asArray(statement.Action as string | string[]).some(
        (action) => /^(iam|s3|rds|secretsmanager|cloudformation):/.test(action) || action.endsWith(':*'),
      ),
    );
    // Only what the migration step needs: read the app stack's outputs, and pass the migration roles to ECS.
    expect(broad.map((statement) => [statement.Action, render(statement.Resource)])).toEqual([
      ['cloudformation:DescribeStacks', 'arn:aws:cloudformation:us-east-1:123456789012:stack/Anb-dev-App/*'],
      ['iam:PassRole', 'arn:aws:iam::123456789012:role/anb-dev-migrate-*'],
    ]);
    expect(statements.find((statement) => statement.Action === 'iam:PassRole')?.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
    });
    expect(render(statements.find((statement) => statement.Sid === 'UseCdkBootstrapRoles')?.Resource)).toBe(
      'arn:aws:iam::123456789012:role/cdk-hnb659fds-*-123456789012-us-east-1',
    );
  });
});

describe('dev environment: cdk-nag', () => {
  it('reports no unacknowledged AwsSolutions finding', () => {
    expect(synth.nagReport.violations.map((violation) => violation.ruleName)).toEqual([]);
  });

  it('justifies every acknowledgement in one line, on a specific construct rather than a whole stack', () => {
    const acknowledgements = collectAcknowledgements(synth.app).filter(({ id }) => id.startsWith('AwsSolutions'));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledgements) {
      expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(reason.length, `${path} ${id}`).toBeGreaterThanOrEqual(30);
      expect(reason, `${path} ${id}`).not.toMatch(/\n/);
      expect(path.split('/').length, `${id} acknowledged on ${path}`).toBeGreaterThan(1);
    }
  });
});

function collectAcknowledgements(root: IConstruct) {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}
