import type { Template } from 'aws-cdk-lib/assertions';

/** Parsed CloudFormation or YAML, walked freely by the assertions: its shape is the file's, not a TypeScript type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type CfnJson = any;

export type Resource = { Type: string; Properties: Record<string, CfnJson>; DependsOn?: string[] };

/** The single resource of a type whose properties satisfy `where`; fails loudly on none or several. */
export function onlyResource(template: Template, type: string, where: (resource: Resource) => boolean = () => true) {
  const matches = Object.entries(template.findResources(type) as Record<string, Resource>).filter(([, resource]) =>
    where(resource),
  );
  if (matches.length !== 1) throw new Error(`expected one ${type}, found ${matches.length}`);
  const [logicalId, resource] = matches[0]!;
  return { logicalId, resource, properties: resource.Properties };
}

export function resourcesOf(template: Template, type: string): Array<[string, Resource]> {
  return Object.entries(template.findResources(type) as Record<string, Resource>);
}

export interface ContainerView {
  environment: Record<string, unknown>;
  secrets: Record<string, unknown>;
  definition: Record<string, CfnJson>;
  task: Record<string, CfnJson>;
}

/** The app container of the task definition whose family ends with `-api`, `-worker` or `-migrate`. */
export function container(template: Template, service: 'api' | 'worker' | 'migrate'): ContainerView {
  const { properties } = onlyResource(template, 'AWS::ECS::TaskDefinition', (r) =>
    String(r.Properties.Family).endsWith(`-${service}`),
  );
  const definition = properties.ContainerDefinitions[0] as Record<string, CfnJson>;
  const pairs = (
    list: Array<{ Name: string; Value?: unknown; ValueFrom?: unknown }> = [],
    key: 'Value' | 'ValueFrom',
  ) => Object.fromEntries(list.map((entry) => [entry.Name, entry[key]]));
  return {
    environment: pairs(definition.Environment, 'Value'),
    secrets: pairs(definition.Secrets, 'ValueFrom'),
    definition,
    task: properties,
  };
}

/** Every IAM statement attached to the role with this logical id through AWS::IAM::Policy resources. */
export function statementsOfRole(template: Template, roleLogicalId: string): Array<Record<string, CfnJson>> {
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleLogicalId),
    )
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Array<Record<string, CfnJson>>);
}

export function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/** Joins an Fn::Join into a readable string, rendering references as <LogicalId> or <LogicalId.Attr>. */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const object = value as Record<string, CfnJson>;
    if ('Fn::Join' in object) return (object['Fn::Join'][1] as unknown[]).map(render).join(object['Fn::Join'][0]);
    if ('Ref' in object) return `<${object.Ref}>`;
    if ('Fn::GetAtt' in object) return `<${object['Fn::GetAtt'].join('.')}>`;
  }
  return JSON.stringify(value);
}

/** The one-off migration task's container. */
export function migrationContainer(template: Template): ContainerView {
  return container(template, 'migrate');
}
