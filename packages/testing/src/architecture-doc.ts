import { readFileSync } from 'node:fs';

const ARCHITECTURE_DOC = new URL('../../../docs/architecture.md', import.meta.url);

/** The Mermaid source of the one diagram under a `## heading` of docs/architecture.md. */
export function diagramInSection(heading: string): string {
  const sections = readFileSync(ARCHITECTURE_DOC, 'utf8').split(/^## /m);
  const section = sections.find((text) => text.split('\n', 1)[0]?.trim() === heading);
  if (!section) throw new Error(`docs/architecture.md has no "## ${heading}" section`);
  const diagrams = [...section.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
  if (diagrams.length !== 1) throw new Error(`"## ${heading}" should hold one Mermaid diagram, not ${diagrams.length}`);
  return diagrams[0] as string;
}

/** Lines of a diagram without blank lines and `%%` comments. */
function statements(source: string): string[] {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('%%'));
}

/** Every node and subgraph of a flowchart with its quoted label: `id["…"]`, `id[("…")]`, `id{"…"}`, `subgraph id["…"]`. */
export function flowchartNodes(source: string): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const line of statements(source)) {
    for (const match of line.matchAll(/(?:^|[\s&])(?:subgraph\s+)?([A-Za-z]\w*)\s*(?:\[\(|\(\(|\[|\{|\()"([^"]*)"/g)) {
      nodes.set(match[1] as string, match[2] as string);
    }
  }
  return nodes;
}

/**
 * The solid arrows (`a --> b`, `a -->|label| b`, `a & b --> c`) of a flowchart as [from, to] id pairs.
 * Dotted (`-.->`) and thick (`==>`) arrows are left out; a solid-arrow line this cannot read throws.
 */
export function solidArrows(source: string): Array<[string, string]> {
  const arrows: Array<[string, string]> = [];
  for (const line of statements(source).filter((statement) => statement.includes('-->'))) {
    const ends = line.split(/\s*-->(?:\|[^|]*\|)?\s*/).map((end) => end.split(/\s*&\s*/));
    if (ends.flat().some((id) => !/^[A-Za-z]\w*$/.test(id))) throw new Error(`cannot read the arrow "${line}"`);
    for (let index = 1; index < ends.length; index++) {
      for (const from of ends[index - 1] as string[]) {
        for (const to of ends[index] as string[]) arrows.push([from, to]);
      }
    }
  }
  return arrows;
}

/** `%% id: A, B` lines: the things (such as CloudFormation resource types) each node stands for. */
export function nodeAnnotations(source: string): Map<string, string[]> {
  const annotations = new Map<string, string[]>();
  for (const match of source.matchAll(/^\s*%%\s*([A-Za-z]\w*):\s*(.+)$/gm)) {
    annotations.set(
      match[1] as string,
      (match[2] as string).split(',').map((item) => item.trim()),
    );
  }
  return annotations;
}

export interface DiagramEntity {
  /** `type name [keys]` per attribute, keys as written (`PK`, `FK`, `UK`, `PK, FK`), comments dropped. */
  attributes: string[];
}

/** The entities and relationships of an `erDiagram`. */
export function entityRelationships(source: string): {
  entities: Map<string, DiagramEntity>;
  relationships: Array<[string, string]>;
} {
  const entities = new Map<string, DiagramEntity>();
  const relationships: Array<[string, string]> = [];
  let current: DiagramEntity | undefined;
  for (const line of statements(source)) {
    if (line === 'erDiagram') continue;
    const opening = /^(\w+)\s*\{$/.exec(line);
    const relationship = /^(\w+)\s+[|o}{]{2}(?:--|\.\.)[|o}{]{2}\s+(\w+)\s*:/.exec(line);
    if (opening) {
      current = { attributes: [] };
      entities.set(opening[1] as string, current);
    } else if (line === '}') {
      current = undefined;
    } else if (current) {
      const attribute = /^(\w+)\s+(\w+)((?:\s+(?:PK|FK|UK)\s*,?)*)(?:\s+"[^"]*")?$/.exec(line);
      if (!attribute) throw new Error(`cannot read the attribute "${line}"`);
      const keys = (attribute[3] as string).split(/[\s,]+/).filter(Boolean);
      current.attributes.push([attribute[1], attribute[2], keys.join(', ')].filter(Boolean).join(' '));
    } else if (relationship) {
      relationships.push([relationship[1] as string, relationship[2] as string]);
    } else {
      throw new Error(`cannot read the line "${line}"`);
    }
  }
  return { entities, relationships };
}
