import { Annotations, Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { DeploymentSettings } from '../settings.ts';
import { acknowledgeNag, nagResourceName } from '../nag.ts';
import { createAppTask } from './app-container.ts';
import type { CdnOriginGuard } from './cdn-origin-guard.ts';
import { PROCESSED_PREFIX, RESUMABLE_PREFIX, UPLOADED_PREFIX } from './media-storage.ts';

export const API_PORT = 8000;
export const READINESS_PATH = '/api/health/ready';
/** Liveness without dependencies (a database outage must not restart every task), as the image's HEALTHCHECK. */
export const API_HEALTH_CHECK_COMMAND = [
  'CMD',
  'node',
  '-e',
  `fetch('http://127.0.0.1:${API_PORT}/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
];

export interface ApiServiceProps {
  settings: DeploymentSettings;
  vpc: ec2.IVpc;
  cluster: ecs.ICluster;
  repository: ecr.IRepository;
  bucket: s3.IBucket;
  queue: sqs.IQueue;
  databaseSecret: secretsmanager.ISecret;
  accessLogs: s3.IBucket;
  environment: Record<string, string>;
  secrets: Record<string, ecs.Secret>;
  /** When CloudFront fronts the app: only its origin-facing addresses, carrying its origin header, are served. */
  originGuard?: CdnOriginGuard;
}

/** The REST API on Fargate behind a public ALB; scales on CPU and on requests per task. */
export class ApiService extends Construct {
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly taskRole: iam.Role;
  /** `https://` with a certificate, else `http://`, then the host name the load balancer is reached by. */
  readonly loadBalancerUrl: string;
  /** The host name a client reaches the load balancer by (the certificate's, when there is one). */
  readonly publicHost: string;
  private readonly container: ecs.ContainerDefinition;

  constructor(scope: Construct, id: string, props: ApiServiceProps) {
    super(scope, id);
    const { settings } = props;
    this.taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'API: store originals, sign media URLs, enqueue jobs, read its database secret',
    });
    grantApiAccess(this.taskRole, props);
    acknowledgePrefixWildcards(this.taskRole, props.bucket, [UPLOADED_PREFIX, PROCESSED_PREFIX, RESUMABLE_PREFIX]);

    const { taskDefinition, container } = createAppTask(this, 'Api', {
      family: `anb-${settings.envName}-api`,
      logGroupName: `/anb/${settings.envName}/api`,
      cpu: settings.api.cpu,
      memoryMiB: settings.api.memoryMiB,
      taskRole: this.taskRole,
      repository: props.repository,
      imageTag: settings.serviceImageTag,
      environment: props.environment,
      secrets: props.secrets,
      stopTimeoutSeconds: settings.api.stopTimeoutSeconds,
      logRetentionDays: settings.logRetentionDays,
      logRemovalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      portMappings: [{ containerPort: API_PORT, protocol: ecs.Protocol.TCP }],
      healthCheck: {
        command: API_HEALTH_CHECK_COMMAND,
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(30),
      },
    });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      // A 100 MB upload over a slow link can pause longer than the 60 s default between packets.
      idleTimeout: Duration.seconds(120),
      dropInvalidHeaderFields: true,
      deletionProtection: settings.retainData,
    });
    this.loadBalancer.logAccessLogs(props.accessLogs, 'alb');
    const scheme = settings.certificateArn ? 'https' : 'http';
    // Behind CloudFront, domainName names the distribution: CloudFront reaches the ALB by originDomainName.
    this.publicHost =
      (props.originGuard ? settings.originDomainName : settings.domainName) ?? this.loadBalancer.loadBalancerDnsName;
    this.loadBalancerUrl = `${scheme}://${this.publicHost}`;
    this.container = container;
    if (!props.originGuard) {
      acknowledgeNag(
        this.loadBalancer,
        'EC23',
        'Public entry point of the API: the listener ports must accept any client address.',
      );
    }

    this.service = new ecs.FargateService(this, 'Service', {
      serviceName: `anb-${settings.envName}-api`,
      cluster: props.cluster,
      taskDefinition,
      desiredCount: settings.servicesPaused ? 0 : settings.api.minTasks,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      circuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriod: Duration.seconds(60),
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'Targets', {
      vpc: props.vpc,
      port: API_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      targets: [this.service],
      // Long enough for an upload in flight to finish before the task is told to stop.
      deregistrationDelay: Duration.seconds(60),
      healthCheck: {
        path: READINESS_PATH,
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });
    this.addListeners(settings.certificateArn, props.originGuard);

    const scaling = this.service.autoScaleTaskCount({
      minCapacity: settings.servicesPaused ? 0 : settings.api.minTasks,
      maxCapacity: settings.servicesPaused ? 0 : settings.api.maxTasks,
    });
    scaling.scaleOnCpuUtilization('Cpu', {
      targetUtilizationPercent: settings.api.cpuTargetPercent,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });
    scaling.scaleOnRequestCount('Requests', {
      targetGroup: this.targetGroup,
      requestsPerTarget: settings.api.requestsPerTargetPerMinute,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });
  }

  /** Values known only once later resources exist (the CDN sits in front of this service's load balancer). */
  addEnvironment(variables: Record<string, string>): void {
    for (const [name, value] of Object.entries(variables)) this.container.addEnvironment(name, value);
  }

  private addListeners(certificateArn: string | undefined, originGuard: CdnOriginGuard | undefined): void {
    if (!certificateArn) {
      // Only non-production environments get here: the settings refuse a production one without a certificate.
      Annotations.of(this).addWarning(
        'No certificateArn: the API is served over plain HTTP on port 80, so passwords and tokens travel in clear.',
      );
    }
    const listener = certificateArn
      ? this.loadBalancer.addListener('Https', {
          port: 443,
          certificates: [elbv2.ListenerCertificate.fromArn(certificateArn)],
          // TLS 1.3 and 1.2 only (ELBSecurityPolicy-TLS13-1-2-2021-06).
          sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
          ...this.listenerTraffic(originGuard),
        })
      : this.loadBalancer.addListener('Http', { port: 80, ...this.listenerTraffic(originGuard) });
    if (!originGuard) {
      // Port 80 serves nothing but a permanent redirect to HTTPS.
      if (certificateArn) this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443 });
      return;
    }
    // Only CloudFront's request with the origin header reaches the tasks; anything else gets a bare 403.
    listener.addAction('FromCloudFront', {
      priority: 1,
      conditions: [elbv2.ListenerCondition.httpHeader(originGuard.headerName, [originGuard.headerValue])],
      action: elbv2.ListenerAction.forward([this.targetGroup]),
    });
    // One port only: the prefix list weighs about 55 rules against the group's quota of 60 (CloudFront uses HTTPS
    // to the origin when there is a certificate, so port 80 has no listener then).
    this.loadBalancer.connections.allowFrom(
      ec2.Peer.prefixList(originGuard.prefixListId),
      ec2.Port.tcp(certificateArn ? 443 : 80),
      'CloudFront origin-facing addresses only',
    );
  }

  /** Open to anyone and forwarding by default; behind CloudFront closed, with a 403 unless a rule forwards. */
  private listenerTraffic(originGuard: CdnOriginGuard | undefined): Partial<elbv2.BaseApplicationListenerProps> {
    if (!originGuard) return { defaultTargetGroups: [this.targetGroup] };
    return {
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(403, { contentType: 'text/plain', messageBody: 'Forbidden' }),
    };
  }
}

function grantApiAccess(role: iam.Role, props: ApiServiceProps): void {
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'Originals',
      actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      resources: [props.bucket.arnForObjects(`${UPLOADED_PREFIX}*`)],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ProcessedMedia',
      // Signs playback URLs and deletes the clip and poster with their video.
      actions: ['s3:GetObject', 's3:DeleteObject'],
      resources: [props.bucket.arnForObjects(`${PROCESSED_PREFIX}*`)],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ResumableUploads',
      // tus uploads: a multipart upload and a state object per upload until it finishes or expires.
      actions: [
        's3:PutObject',
        's3:GetObject',
        's3:DeleteObject',
        's3:AbortMultipartUpload',
        's3:ListMultipartUploadParts',
      ],
      resources: [props.bucket.arnForObjects(`${RESUMABLE_PREFIX}*`)],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ResumableUploadsSweep',
      // The expiry sweep lists the bucket's multipart uploads.
      actions: ['s3:ListBucketMultipartUploads'],
      resources: [props.bucket.bucketArn],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'BucketReachable',
      // HeadBucket for readiness; also turns a missing key into 404 instead of 403.
      actions: ['s3:ListBucket'],
      resources: [props.bucket.bucketArn],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'EnqueueJobs',
      actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
      resources: [props.queue.queueArn],
    }),
  );
  props.databaseSecret.grantRead(role);
}

/** Object ARNs under a key prefix are wildcards by nature; the prefix is the least privilege S3 can express. */
export function acknowledgePrefixWildcards(
  role: iam.IRole,
  bucket: s3.IBucket,
  prefixes = [UPLOADED_PREFIX, PROCESSED_PREFIX],
): void {
  for (const prefix of prefixes) {
    const objects = nagResourceName(role, bucket.arnForObjects(`${prefix}*`));
    acknowledgeNag(
      role,
      `IAM5[Resource::${objects}]`,
      `Objects under ${prefix} only, the prefix this service owns or reads.`,
    );
  }
}
