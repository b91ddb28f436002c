import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ConfigReferenceError, type ReferenceSource } from './references.ts';

/** Parameter Store and Secrets Manager through the SDK's default credentials (the ECS task role). */
export class AwsReferenceSource implements ReferenceSource {
  readonly #ssm: SSMClient;
  readonly #secrets: SecretsManagerClient;

  constructor(clients: { ssm: SSMClient; secrets: SecretsManagerClient }) {
    this.#ssm = clients.ssm;
    this.#secrets = clients.secrets;
  }

  static forRegion(region: string): AwsReferenceSource {
    return new AwsReferenceSource({ ssm: new SSMClient({ region }), secrets: new SecretsManagerClient({ region }) });
  }

  async parameter(name: string): Promise<string> {
    try {
      const { Parameter } = await this.#ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      if (Parameter?.Value === undefined) throw new ConfigReferenceError(`parameter ${name} has no value`);
      return Parameter.Value;
    } catch (error) {
      throw explain(error, `parameter ${name}`);
    }
  }

  async secret(id: string): Promise<string> {
    try {
      const { SecretString } = await this.#secrets.send(new GetSecretValueCommand({ SecretId: id }));
      if (SecretString === undefined) throw new ConfigReferenceError(`secret ${id} has no string value`);
      return SecretString;
    } catch (error) {
      throw explain(error, `secret ${id}`);
    }
  }

  destroy(): void {
    this.#ssm.destroy();
    this.#secrets.destroy();
  }
}

function explain(error: unknown, what: string): Error {
  if (error instanceof ConfigReferenceError) return error;
  const name = (error as { name?: string }).name ?? 'Error';
  if (name === 'ParameterNotFound' || name === 'ResourceNotFoundException')
    return new ConfigReferenceError(`${what} does not exist`);
  if (name === 'AccessDeniedException' || name === 'AccessDenied')
    return new ConfigReferenceError(`access denied to ${what}`);
  return new ConfigReferenceError(`cannot read ${what} (${name})`);
}
