import type { RemovalPolicy } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { parameterName, secretName } from '../names.ts';
import { acknowledgeNag } from '../nag.ts';

export interface AppSettingsProps {
  envName: string;
  /** Non-secret settings by audience; keys are the app's environment variables. */
  parameters: Record<'shared' | 'api' | 'worker', Record<string, string>>;
  removalPolicy: RemovalPolicy;
}

/** The JWT signing key in Secrets Manager and every tunable setting in Parameter Store under /anb/<env>/. */
export class AppSettings extends Construct {
  readonly jwtSecret: secretsmanager.Secret;
  readonly parameters: Record<'api' | 'worker', Record<string, ssm.StringParameter>>;

  constructor(scope: Construct, id: string, props: AppSettingsProps) {
    super(scope, id);
    this.jwtSecret = new secretsmanager.Secret(this, 'JwtSecret', {
      secretName: secretName(props.envName, 'jwt'),
      description: 'HS256 signing key of the API access tokens (JWT_SECRET)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: props.removalPolicy,
    });
    acknowledgeNag(
      this.jwtSecret,
      'SMG4',
      'Rotating the JWT key signs every user out; it is rotated by hand with a rolling restart (infra/README.md).',
    );
    const created = new Map<string, ssm.StringParameter>();
    const parameter = (variable: string, value: string) => {
      const existing = created.get(variable);
      if (existing) return existing;
      const resource = new ssm.StringParameter(this, variable, {
        parameterName: parameterName(props.envName, variable),
        stringValue: value,
        tier: ssm.ParameterTier.STANDARD,
      });
      created.set(variable, resource);
      return resource;
    };
    const forAudience = (audience: 'api' | 'worker') =>
      Object.fromEntries(
        Object.entries({ ...props.parameters.shared, ...props.parameters[audience] }).map(([variable, value]) => [
          variable,
          parameter(variable, value),
        ]),
      );
    this.parameters = { api: forAudience('api'), worker: forAudience('worker') };
  }

  /** ECS injects these at task start (native `secrets`); the execution role gets read access to each. */
  containerSecrets(audience: 'api' | 'worker'): Record<string, ecs.Secret> {
    return Object.fromEntries(
      Object.entries(this.parameters[audience]).map(([variable, resource]) => [
        variable,
        ecs.Secret.fromSsmParameter(resource),
      ]),
    );
  }
}
