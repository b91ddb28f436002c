import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagramInSection, flowchartNodes, nodeAnnotations } from '@anb/testing/architecture-doc';
import { synthesizeEnvironment } from './support/synth.ts';

let templates: Template[];
beforeAll(() => {
  // With a repository the optional deploy-access stack is synthesized too, so its resources are checked as well.
  const synth = synthesizeEnvironment('prod', { githubRepository: 'anb/rising-stars' });
  if (!synth.deployAccessTemplate) throw new Error('githubRepository should add the deploy-access stack');
  templates = [synth.template, synth.registryTemplate, synth.deployAccessTemplate];
});

function resourceTypes(template: Template): string[] {
  return Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map(
    (resource) => resource.Type,
  );
}

describe('the AWS diagram of docs/architecture.md', () => {
  const diagram = diagramInSection('AWS architecture');
  const annotations = nodeAnnotations(diagram);

  it('annotates only nodes it draws', () => {
    const nodes = flowchartNodes(diagram);
    expect(annotations.size).toBeGreaterThan(0);
    expect([...annotations.keys()].filter((id) => !nodes.has(id))).toEqual([]);
  });

  it('names each kind of resource the production stacks create, and no kind they do not', () => {
    const created = new Set(templates.flatMap(resourceTypes));
    const named = new Set([...annotations.values()].flat());

    expect([...named].sort()).toEqual([...created].sort());
  });
});
