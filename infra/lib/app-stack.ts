import { Annotations, CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { API_PORT, ApiService } from './constructs/api-service.ts';
import { AppSettings } from './constructs/app-settings.ts';
import { CdnOriginGuard } from './constructs/cdn-origin-guard.ts';
import { Database } from './constructs/database.ts';
import { MailSending } from './constructs/mail-sending.ts';
import { MediaCdn } from './constructs/media-cdn.ts';
import { MediaStorage } from './constructs/media-storage.ts';
import { MigrationTask } from './constructs/migration-task.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { VideoQueue } from './constructs/video-queue.ts';
import { WebFirewall } from './constructs/web-firewall.ts';
import { WorkerService } from './constructs/worker-service.ts';
import { repositoryNames } from './names.ts';
import type { DeploymentSettings } from './settings.ts';

/** Seconds the worker keeps for releasing its job and closing pools between its own deadline and SIGKILL. */
export const WORKER_SHUTDOWN_MARGIN_SECONDS = 10;

export interface AppStackProps extends StackProps {
  settings: DeploymentSettings;
}

/** Everything that runs the platform in one environment: network, data, services, CDN, firewall, alarms and budget. */
export class AppStack extends Stack {
  readonly api: ApiService;
  readonly worker: WorkerService;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const dataRemoval = settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const vpc = this.createVpc(settings, dataRemoval);
    const storage = new MediaStorage(this, 'Storage', { removalPolicy: dataRemoval });
    const jobs = new VideoQueue(this, 'VideoJobs', {
      envName: settings.envName,
      visibilityTimeoutSeconds: settings.queue.visibilityTimeoutSeconds,
      maxReceives: settings.queue.maxReceives,
      removalPolicy: dataRemoval,
    });
    const database = new Database(this, 'Database', { vpc, settings });
    const appSettings = new AppSettings(this, 'Settings', {
      envName: settings.envName,
      parameters: settings.parameters,
      removalPolicy: dataRemoval,
    });
    const mail = settings.mailDomain
      ? new MailSending(this, 'Mail', { envName: settings.envName, domain: settings.mailDomain })
      : undefined;
    if (!mail) {
      // Only non-production environments get here: the settings refuse a production one without a mail domain.
      Annotations.of(this).addWarning(
        'No mailDomain or domainName: the API sends no mail; it keeps each message on its task and logs its link.',
      );
    }

    const cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: `anb-${settings.envName}`,
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      enableFargateCapacityProviders: true,
    });
    const repositories = repositoryNames(settings.envName);
    const apiRepository = ecr.Repository.fromRepositoryName(this, 'ApiRepository', repositories.api);

    // Values the app resolves itself use the reference syntax of packages/config (DATABASE_URL from the RDS secret).
    const shared = {
      AWS_REGION: this.region,
      STORAGE: 's3',
      S3_BUCKET: storage.bucket.bucketName,
      QUEUE: 'sqs',
      SQS_QUEUE_URL: jobs.queue.queueUrl,
      QUEUE_MAX_RECEIVES: String(settings.queue.maxReceives),
      QUEUE_VISIBILITY_TIMEOUT: String(settings.queue.visibilityTimeoutSeconds),
      // The least-privilege role; only the migration task holds the master secret.
      DATABASE_URL: `secretsmanager:${database.appSecret.secretArn}`,
      // RDS PostgreSQL 17 refuses plain connections; node-postgres reads this when the URL names no sslmode.
      PGSSLMODE: 'verify-full',
      // The schema changes in the migration task, run before the services move to a new image.
      MIGRATE_ON_BOOT: 'false',
    };

    // Behind CloudFront, the ALB serves only CloudFront's addresses carrying the origin header (cdn-origin-guard.ts).
    const originGuard = settings.appThroughCdn
      ? new CdnOriginGuard(this, 'CdnOrigin', { envName: settings.envName, removalPolicy: dataRemoval })
      : undefined;
    this.api = new ApiService(this, 'Api', {
      originGuard,
      settings,
      vpc,
      cluster,
      repository: apiRepository,
      bucket: storage.bucket,
      queue: jobs.queue,
      databaseSecret: database.appSecret,
      accessLogs: storage.accessLogs,
      environment: {
        ...shared,
        PORT: String(API_PORT),
        HOST: '0.0.0.0',
        TRUST_PROXY: trustedProxies(settings),
        DATABASE_POOL_MAX: String(settings.api.databasePoolMax),
        VOTE_REQUIRES_VERIFIED_EMAIL: String(settings.voteRequiresVerifiedEmail),
        // Without SES, the file transport writes each message under DATA_DIR and logs its link.
        ...(mail ? mail.containerEnvironment : { MAIL_TRANSPORT: 'file' }),
      },
      secrets: {
        ...appSettings.containerSecrets('api'),
        JWT_SECRET: ecs.Secret.fromSecretsManager(appSettings.jwtSecret),
      },
    });
    this.worker = new WorkerService(this, 'Worker', {
      settings,
      cluster,
      repository: ecr.Repository.fromRepositoryName(this, 'WorkerRepository', repositories.worker),
      bucket: storage.bucket,
      queue: jobs.queue,
      deadLetterQueue: jobs.deadLetterQueue,
      databaseSecret: database.appSecret,
      environment: {
        ...shared,
        SQS_DLQ_URL: jobs.deadLetterQueue.queueUrl,
        DATABASE_POOL_MAX: String(settings.worker.databasePoolMax),
        WORKER_CONCURRENCY: String(settings.worker.concurrency),
        WORKER_STOP_TIMEOUT: String(settings.worker.stopTimeoutSeconds - WORKER_SHUTDOWN_MARGIN_SECONDS),
        // Twice the worst case: a job running longer is stuck, and the health check says so.
        WORKER_MAX_JOB_SECONDS: String(2 * settings.worker.maxJobSeconds),
        METRICS_NAMESPACE: workerMetricsNamespace(settings.envName),
      },
      secrets: appSettings.containerSecrets('worker'),
    });
    const migration = new MigrationTask(this, 'Migration', {
      settings,
      vpc,
      repository: apiRepository,
      masterSecret: database.secret,
      appSecret: database.appSecret,
    });
    // On the distribution when it fronts the app (the source address is the viewer's), else on the load balancer.
    const firewall = new WebFirewall(this, 'Firewall', {
      envName: settings.envName,
      placement: originGuard ? { scope: 'CLOUDFRONT' } : { scope: 'REGIONAL', loadBalancer: this.api.loadBalancer },
      limits: settings.firewall,
      logRetentionDays: settings.logRetentionDays,
      removalPolicy: dataRemoval,
    });
    const cdn = new MediaCdn(this, 'Cdn', {
      envName: settings.envName,
      bucket: storage.bucket,
      logBucket: storage.accessLogs,
      app: originGuard && {
        // With a certificate, CloudFront checks it against the name it connects to: the ALB's own name is not on it.
        originDomainName: this.api.publicHost,
        https: settings.certificateArn !== undefined,
        originHeader: { name: originGuard.headerName, value: originGuard.headerValue },
        webAclArn: firewall.webAcl.attrArn,
        // The stack is in us-east-1 (the settings insist), so the ALB's certificate serves CloudFront too.
        ...(settings.certificateArn && settings.domainName
          ? { alias: { domainName: settings.domainName, certificateArn: settings.certificateArn } }
          : {}),
      },
    });
    if (settings.certificateArn && !(originGuard ? settings.originDomainName : settings.domainName)) {
      Annotations.of(this).addWarning(
        originGuard
          ? 'certificateArn without originDomainName: CloudFront reaches the load balancer by its own name, which the certificate does not cover, so only media work through the CDN.'
          : 'certificateArn without domainName: the load balancer is reached by its own name, which the certificate does not cover.',
      );
    }
    // Absolute URLs (mail links, media) are built on this origin, never on the request's Host header.
    const publicUrl = originGuard ? cdn.publicUrl : this.api.loadBalancerUrl;
    // Only the API builds media URLs and hides videos; the worker needs neither.
    this.api.addEnvironment({ PUBLIC_BASE_URL: publicUrl, ...cdn.containerEnvironment });
    cdn.grantHideMedia(this.api.taskRole);
    // Only the API mails; the worker sends none.
    mail?.grantSend(this.api.taskRole);
    database.allowFrom(this.api.service, 'API tasks');
    database.allowFrom(this.worker.service, 'worker tasks');
    database.allowFrom(migration.securityGroup, 'migration task');

    const monitoring = new Monitoring(this, 'Monitoring', {
      settings,
      api: this.api,
      worker: this.worker,
      firewall,
      clusterName: cluster.clusterName,
      database: database.instance,
      queue: jobs.queue,
      deadLetterQueue: jobs.deadLetterQueue,
      workerMetricsNamespace: workerMetricsNamespace(settings.envName),
      removalPolicy: dataRemoval,
    });

    const outputs: Record<string, string> = {
      PublicUrl: publicUrl,
      LoadBalancerDns: this.api.loadBalancer.loadBalancerDnsName,
      ClusterName: cluster.clusterName,
      ApiServiceName: this.api.service.serviceName,
      WorkerServiceName: this.worker.service.serviceName,
      MediaBucketName: storage.bucket.bucketName,
      MediaCdnUrl: cdn.url,
      MediaCdnDistributionId: cdn.distribution.distributionId,
      JobQueueUrl: jobs.queue.queueUrl,
      DeadLetterQueueUrl: jobs.deadLetterQueue.queueUrl,
      DatabaseSecretArn: database.secret.secretArn,
      NotificationsTopicArn: monitoring.topic.topicArn,
      DashboardName: monitoring.dashboard.dashboardName,
      MigrationTaskDefinitionArn: migration.taskDefinition.taskDefinitionArn,
      MigrationSecurityGroupId: migration.securityGroup.securityGroupId,
      AppSubnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds.join(','),
      ...(mail ? mailOutputs(mail) : {}),
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }

  private createVpc(settings: DeploymentSettings, removalPolicy: RemovalPolicy): ec2.Vpc {
    const flowLogs = new logs.LogGroup(this, 'VpcFlowLogs', { retention: settings.logRetentionDays, removalPolicy });
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(settings.vpcCidr),
      // Explicit zones keep synthesis free of account lookups (no cdk.context.json needed).
      availabilityZones: settings.availabilityZones ?? [`${settings.region}a`, `${settings.region}b`],
      natGateways: settings.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      flowLogs: {
        rejected: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
          trafficType: ec2.FlowLogTrafficType.REJECT,
        },
      },
    });
    // Media traffic to S3 skips the NAT gateway (no per-GB NAT charge); gateway endpoints are free.
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    return vpc;
  }
}

/**
 * TRUST_PROXY of the API (packages/config, ADR 0015). Behind CloudFront: 2 hops. The socket peer (hop 0) is an ALB
 * node, which appends the CloudFront edge's address (hop 1), which appended the viewer's: the third address from
 * the right. Safe only because nothing but CloudFront reaches the ALB. Without CloudFront in front: the VPC CIDR,
 * where only ALB nodes live, so the right-most address the ALB appends is the client.
 */
export function trustedProxies(settings: Pick<DeploymentSettings, 'appThroughCdn' | 'vpcCidr'>): string {
  return settings.appThroughCdn ? String(CDN_PROXY_HOPS) : settings.vpcCidr;
}

/** An ALB node, then a CloudFront edge. */
export const CDN_PROXY_HOPS = 2;

/** CloudWatch namespace of the worker's embedded-format job metrics (read by the alarms and the dashboard). */
export function workerMetricsNamespace(envName: string): string {
  return `ANB/${envName}/worker`;
}

/** The sender and the three DKIM CNAME records an operator creates in the mail domain's DNS to verify it. */
function mailOutputs(mail: MailSending): Record<string, string> {
  return {
    MailFromAddress: mail.fromAddress,
    MailConfigurationSet: mail.configurationSet.configurationSetName,
    ...Object.fromEntries(
      mail.identity.dkimRecords.map((record, index) => [
        `MailDkimRecord${index + 1}`,
        `${record.name} CNAME ${record.value}`,
      ]),
    ),
  };
}
