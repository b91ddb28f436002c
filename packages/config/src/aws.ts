// The Parameter Store and Secrets Manager lookups, apart from the package's entry point: a process whose
// environment names no `ssm:` or `secretsmanager:` reference should not load the AWS SDK (ADR 34).
export { AwsReferenceSource } from './aws-reference-source.ts';
