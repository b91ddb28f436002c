export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string;
  /** The FROM image with global ARG defaults substituted (`${NODE_IMAGE}` → its default). */
  base: string;
  instructions: Instruction[];
}

/**
 * Splits a Dockerfile into stages of instructions (continuation lines joined, comments and directives
 * dropped). ARGs before the first FROM are global: their defaults are substituted into FROM lines.
 */
export function parseDockerfile(text: string): Stage[] {
  const logicalLines: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    logicalLines.push(pending + line);
    pending = '';
  }
  const stages: Stage[] = [];
  const globalArgs = new Map<string, string>();
  for (const line of logicalLines) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ').trim() };
    if (instruction.keyword === 'FROM') {
      const [, image = '', name = ''] = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      const base = image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced?: string, bare?: string) => {
        const arg = (braced ?? bare)!;
        if (!globalArgs.has(arg)) throw new Error(`FROM uses ${arg}, which no global ARG declares`);
        return globalArgs.get(arg)!;
      });
      stages.push({ name: name || String(stages.length), base, instructions: [] });
    } else if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = instruction.args.split('=', 2);
      globalArgs.set(name, value);
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${instruction.keyword} before the first FROM`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

/** The instructions a target runs, its ancestor stages' first (FROM <stage> chains). */
export function lineage(stages: Stage[], target: string): Instruction[] {
  const stage = stages.find((candidate) => candidate.name === target);
  if (!stage) throw new Error(`no stage named ${target}`);
  const parent = stages.find((candidate) => candidate.name === stage.base);
  return [...(parent ? lineage(stages, parent.name) : []), ...stage.instructions];
}

/** Exec-form arguments (a JSON array), or undefined for shell form. */
export function execForm(args: string): string[] | undefined {
  const json = args.replace(/^(--\S+\s+)*(CMD\s+)?/, '');
  if (!json.startsWith('[')) return undefined;
  return JSON.parse(json) as string[];
}
