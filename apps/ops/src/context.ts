import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface OpsClients {
  cloudFormation: CloudFormationClient;
  ecs: ECSClient;
  sqs: SQSClient;
  logs: CloudWatchLogsClient;
  cloudWatch: CloudWatchClient;
  autoScaling: ApplicationAutoScalingClient;
}

/** What every verb works with: AWS clients, where to print, and a clock and a sleep that tests replace. */
export interface OpsContext {
  clients: OpsClients;
  out: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** A failure the operator can act on: printed without a stack trace, exit code 1. */
export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpsError';
  }
}

/** Clients for one region; credentials come from the SDK's default chain (profile, environment, SSO). */
export function createClients(region: string | undefined, endpoint?: string): OpsClients {
  const config = { ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}) };
  return {
    cloudFormation: new CloudFormationClient(config),
    ecs: new ECSClient(config),
    sqs: new SQSClient(config),
    logs: new CloudWatchLogsClient(config),
    cloudWatch: new CloudWatchClient(config),
    autoScaling: new ApplicationAutoScalingClient(config),
  };
}
