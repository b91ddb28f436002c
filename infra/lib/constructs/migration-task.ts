import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DeploymentSettings } from '../settings.ts';
import { createAppTask } from './app-container.ts';
import { APP_DATABASE_ROLE } from './database.ts';
import { migrationNames } from '../names.ts';
import { acknowledgeNag } from '../nag.ts';

/**
 * The API image's second program: migrates the schema and manages the application role, then exits. The entry point
 * is only `node` so that a RunTask command override (`npm run ops -- grant-organiser`, apps/admin) runs another
 * program of the image; with the script in the entry point the override would become migrate's arguments.
 */
export const MIGRATE_ENTRY_POINT = ['node'];
export const MIGRATE_COMMAND = ['apps/api/src/migrate.ts'];

export interface MigrationTaskProps {
  settings: DeploymentSettings;
  vpc: ec2.IVpc;
  repository: ecr.IRepository;
  masterSecret: secretsmanager.ISecret;
  appSecret: secretsmanager.ISecret;
}

/**
 * A one-off Fargate task, run by the deploy workflow (`npm run ops -- migrate`) before the services move to a
 * new image. It alone holds the master credentials; the services connect as the application role. Operators run
 * the admin program with it too (`npm run ops -- grant-organiser <email>`).
 */
export class MigrationTask extends Construct {
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: MigrationTaskProps) {
    super(scope, id);
    const { settings } = props;
    const names = migrationNames(settings.envName);
    const taskRole = new iam.Role(this, 'TaskRole', {
      roleName: names.taskRole,
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Migration task: read the database master secret',
    });
    const executionRole = new iam.Role(this, 'ExecutionRole', {
      roleName: names.executionRole,
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Migration task: pull the API image, write its logs, read the application role password',
    });
    acknowledgeNag(
      executionRole,
      'IAM5[Resource::*]',
      'Execution role: ecr:GetAuthorizationToken has no resource-level permissions, AWS requires "*".',
    );
    props.masterSecret.grantRead(taskRole);
    const { taskDefinition } = createAppTask(this, 'Migrate', {
      family: names.family,
      logGroupName: `/anb/${settings.envName}/migrate`,
      cpu: 256,
      memoryMiB: 512,
      taskRole,
      executionRole,
      repository: props.repository,
      // Always the release being deployed, even while the services still run the previous one.
      imageTag: settings.imageTag,
      entryPoint: MIGRATE_ENTRY_POINT,
      command: MIGRATE_COMMAND,
      environment: {
        AWS_REGION: settings.region,
        DATABASE_URL: `secretsmanager:${props.masterSecret.secretArn}`,
        DATABASE_APP_ROLE: APP_DATABASE_ROLE,
        PGSSLMODE: 'verify-full',
      },
      secrets: { DATABASE_APP_PASSWORD: ecs.Secret.fromSecretsManager(props.appSecret, 'password') },
      stopTimeoutSeconds: 30,
      logRetentionDays: settings.logRetentionDays,
      logRemovalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.taskDefinition = taskDefinition;
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Migration task: reaches the database, Secrets Manager and ECR',
      allowAllOutbound: true,
    });
  }
}
