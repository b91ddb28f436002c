import { App } from 'aws-cdk-lib';
import { buildStacks } from '../lib/app.ts';

// Account comes from the deploying credentials; sizes and region come from context (cdk.json, -c env=prod).
buildStacks(new App(), { account: process.env.CDK_DEFAULT_ACCOUNT });
