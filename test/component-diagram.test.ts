import { describe, expect, it } from 'vitest';
import { diagramInSection, flowchartNodes, solidArrows } from '@anb/testing/architecture-doc';
import { workspaces } from './support/workspaces.ts';

/** Each package the component diagram draws, by node id: the package name that starts its label. */
function drawnPackages(source: string): Map<string, string> {
  const drawn = new Map<string, string>();
  for (const [id, label] of flowchartNodes(source)) {
    const name = /^(@[\w-]+\/[\w-]+)/.exec(label)?.[1];
    if (name) drawn.set(id, name);
  }
  return drawn;
}

const packages = workspaces().map((workspace) => workspace.manifest);
const diagram = diagramInSection('Components');

describe('the component diagram of docs/architecture.md', () => {
  it('draws every workspace package, and nothing else', () => {
    expect(packages.length).toBeGreaterThan(0);
    expect([...drawnPackages(diagram).values()].sort()).toEqual(packages.map((pkg) => pkg.name).sort());
  });

  it('draws each dependency declared between workspace packages as a solid arrow, and no other', () => {
    const names = new Set(packages.map((pkg) => pkg.name));
    const declared = packages.flatMap((pkg) =>
      Object.keys({
        ...pkg.dependencies,
        ...pkg.devDependencies,
        ...pkg.optionalDependencies,
        ...pkg.peerDependencies,
      })
        .filter((dependency) => names.has(dependency))
        .map((dependency) => `${pkg.name} --> ${dependency}`),
    );
    const drawn = drawnPackages(diagram);
    const arrows = solidArrows(diagram).map(([from, to]) => `${drawn.get(from) ?? from} --> ${drawn.get(to) ?? to}`);

    expect(declared.length).toBeGreaterThan(0);
    expect(arrows.sort()).toEqual(declared.sort());
  });
});
