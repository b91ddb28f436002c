import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { secretName } from '../names.ts';
import { acknowledgeNag } from '../nag.ts';
import type { DeploymentSettings } from '../settings.ts';

export const DATABASE_NAME = 'anb';
/** Login of the API and worker: reads and writes rows, cannot change the schema (the migration task manages it). */
export const APP_DATABASE_ROLE = 'anb_app';
/** Not 5432: the app takes the port from the secret, so moving it costs nothing and dodges default-port scans. */
const DATABASE_PORT = 5433;

export interface DatabaseProps {
  vpc: ec2.IVpc;
  settings: DeploymentSettings;
}

/** RDS PostgreSQL 17 in the isolated subnets; its credentials are a generated Secrets Manager secret. */
export class Database extends Construct {
  readonly instance: rds.DatabaseInstance;
  /** The master user's JSON {username, password, host, port, dbname, engine}: only the migration task reads it. */
  readonly secret: secretsmanager.ISecret;
  /** The same JSON for the least-privilege application role the API and worker connect as. */
  readonly appSecret: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { settings } = props;
    const instanceIdentifier = `anb-${settings.envName}-db`;
    // Created here rather than by RDS so retention is set without a log-retention Lambda.
    const postgresLogs = new logs.LogGroup(this, 'PostgresLogs', {
      logGroupName: `/aws/rds/instance/${instanceIdentifier}/postgresql`,
      retention: settings.logRetentionDays,
      removalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const credentials = new rds.DatabaseSecret(this, 'Credentials', {
      username: 'anb_admin',
      dbname: DATABASE_NAME,
      secretName: secretName(settings.envName, 'database'),
    });
    // Kept with a retained database: its snapshot is useless to the app without these credentials.
    credentials.applyRemovalPolicy(settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      instanceIdentifier,
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17 }),
      instanceType: new ec2.InstanceType(settings.database.instanceType),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      port: DATABASE_PORT,
      databaseName: DATABASE_NAME,
      credentials: rds.Credentials.fromSecret(credentials),
      storageType: rds.StorageType.GP3,
      allocatedStorage: settings.database.allocatedStorageGiB,
      maxAllocatedStorage: settings.database.maxAllocatedStorageGiB,
      storageEncrypted: true,
      multiAz: settings.database.multiAz,
      backupRetention: Duration.days(settings.database.backupRetentionDays),
      deletionProtection: settings.retainData,
      removalPolicy: settings.retainData ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      cloudwatchLogsExports: ['postgresql'],
      autoMinorVersionUpgrade: true,
      publiclyAccessible: false,
    });
    this.instance.node.addDependency(postgresLogs);
    if (!this.instance.secret) throw new Error('credentials from a secret always attach it to the instance');
    this.secret = this.instance.secret;
    const appCredentials = new rds.DatabaseSecret(this, 'AppCredentials', {
      username: APP_DATABASE_ROLE,
      dbname: DATABASE_NAME,
      secretName: secretName(settings.envName, 'database-app'),
    });
    appCredentials.applyRemovalPolicy(settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    // Attached for host, port and engine; the password becomes the role's only when the migration task next runs.
    this.appSecret = appCredentials.attach(this.instance);
    acknowledgeNag(
      appCredentials,
      'SMG4',
      'The migration task sets this password on the role; rotating means a new value, then the migration task, then new tasks.',
    );
    acknowledgeNag(
      credentials,
      'SMG4',
      'The app reads the password once at boot; rotation needs a reconnect-on-auth-failure path first.',
    );
    if (!settings.database.multiAz) {
      acknowledgeNag(
        this.instance,
        'RDS3',
        `${settings.envName} runs single-AZ to halve the database bill; environments with multiAz=true get a standby.`,
      );
    }
    if (!settings.retainData) {
      acknowledgeNag(
        this.instance,
        'RDS10',
        `${settings.envName} is disposable (retainData=false); retained environments enable deletion protection.`,
      );
    }
  }

  allowFrom(peer: ec2.IConnectable, description: string): void {
    this.instance.connections.allowDefaultPortFrom(peer, description);
  }
}
