import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramInSection, flowchartNodes, solidArrows } from './support/architecture-doc.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

interface PackageJson {
  name: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function readPackageJson(folder: string): PackageJson {
  return JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as PackageJson;
}

/** The folders the root package.json's `workspaces` name (`dir/*` or a folder) that hold a package.json. */
function workspacePackages(): PackageJson[] {
  const folders = (readPackageJson(ROOT).workspaces ?? []).flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(path.join(ROOT, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => path.join(ROOT, pattern.slice(0, -2), entry.name))
      : [path.join(ROOT, pattern)],
  );
  return folders.filter((folder) => existsSync(path.join(folder, 'package.json'))).map(readPackageJson);
}

/** Each package the component diagram draws, by node id: the package name that starts its label. */
function drawnPackages(source: string): Map<string, string> {
  const drawn = new Map<string, string>();
  for (const [id, label] of flowchartNodes(source)) {
    const name = /^(@[\w-]+\/[\w-]+)/.exec(label)?.[1];
    if (name) drawn.set(id, name);
  }
  return drawn;
}

const packages = workspacePackages();
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
