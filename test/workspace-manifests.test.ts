import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { workspaces, type Workspace } from './support/workspaces.ts';

/**
 * Where each workspace keeps the code it ships, and which manifest fields may declare what that code imports.
 * The infra workspace is a CDK app run only by `cdk synth`/`deploy`, never installed as a dependency, and the
 * testing workspace is only ever a dev dependency of the repository root, so everything either uses is a dev
 * dependency. The benchmarks run from the checkout and are never installed (no image holds them), so like the
 * load tests they may start the stack with the root's test harness.
 */
interface ShippedCode {
  folders: string[];
  fields: (keyof Workspace['manifest'])[];
  /** Packages the root provides to code that only ever runs from the checkout. */
  fromRoot?: string[];
}

const SHIPPED_CODE: Record<string, ShippedCode> = {
  '@anb/infra': { folders: ['bin', 'lib'], fields: ['dependencies', 'devDependencies'] },
  '@anb/benchmarks': { folders: ['worker', 'limits'], fields: ['dependencies'], fromRoot: ['@anb/testing'] },
  '@anb/testing': { folders: ['src'], fields: ['devDependencies'] },
};
const DEFAULT_SHIPPED_CODE: ShippedCode = {
  folders: ['src'],
  fields: ['dependencies', 'peerDependencies', 'optionalDependencies'],
};

const BUILTINS = new Set(builtinModules);

function sourceFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(?:[cm]?[jt]s|tsx)$/.test(file))
    .map((file) => path.join(folder, file));
}

/** The package an import specifier names (`@scope/name` or `name`), or undefined for relative paths and Node built-ins. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const name = specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
  return BUILTINS.has(name) ? undefined : name;
}

/** Every package the source imports: static, type-only, re-exported and dynamic imports alike. */
function importedPackages(source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles.map((imported) => packageOf(imported.fileName)).filter((name) => name !== undefined);
}

/** `package ← file` for each import of the workspace's shipped code that its manifest does not declare. */
function undeclaredImports({ folder, manifest }: Workspace): string[] {
  const { folders, fields, fromRoot = [] } = SHIPPED_CODE[manifest.name] ?? DEFAULT_SHIPPED_CODE;
  const declared = new Set([
    ...fields.flatMap((field) => Object.keys((manifest[field] as Record<string, string>) ?? {})),
    ...fromRoot,
  ]);
  return folders
    .flatMap((shipped) => sourceFiles(path.join(folder, shipped)))
    .flatMap((file) =>
      importedPackages(readFileSync(file, 'utf8'))
        .filter((name) => name !== manifest.name && !declared.has(name))
        .map((name) => `${name} ← ${path.relative(folder, file)}`),
    );
}

describe('workspace manifests', () => {
  const all = workspaces();

  it('finds the shipped code of every workspace', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const workspace of all) {
      const { folders } = SHIPPED_CODE[workspace.manifest.name] ?? DEFAULT_SHIPPED_CODE;
      expect(
        folders.flatMap((shipped) => sourceFiles(path.join(workspace.folder, shipped))).length,
        workspace.manifest.name,
      ).toBeGreaterThan(0);
    }
  });

  it.each(all.map((workspace) => [workspace.manifest.name, workspace] as const))(
    '%s declares every package its shipped code imports',
    (_name, workspace) => {
      expect(undeclaredImports(workspace)).toEqual([]);
    },
  );

  it('leaves @anb/testing to the root: a workspace declaring it would put it in the images (packages/testing/README.md)', () => {
    const declaring = all
      .filter(({ manifest }) =>
        [
          manifest.dependencies,
          manifest.devDependencies,
          manifest.optionalDependencies,
          manifest.peerDependencies,
        ].some((declared) => declared?.['@anb/testing'] !== undefined),
      )
      .map(({ manifest }) => manifest.name);
    expect(declaring).toEqual([]);
  });

  it('reads type-only, re-exported and dynamic imports, and skips relative paths and Node built-ins', () => {
    const source = [
      "import type { Kysely } from 'kysely';",
      "import pg from 'pg';",
      "import path from 'node:path';",
      "import fs from 'fs';",
      "import { helper } from './helper.ts';",
      "export { z } from 'zod';",
      "export type { VideoStatus } from '@anb/core/domain';",
      "const loaded = await import('@scope/dynamic/sub');",
    ].join('\n');
    expect(importedPackages(source).sort()).toEqual(['@anb/core', '@scope/dynamic', 'kysely', 'pg', 'zod']);
  });
});
