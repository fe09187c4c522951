import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// `qwh diff-payload A B` loads only what a diff of two captures needs: zod, yaml and cosmiconfig
// were a third of its start-up (bench/BENCHMARKS.md, "5. Diff") and load only behind a dynamic
// import (a config file found, --map/--rules, --emit-*). esbuild's code splitting follows
// exactly these static edges, so a static import that reaches them puts them back in the run.

const ROOT = new URL('../../', import.meta.url).pathname;

/** Every file reachable from `entry` through static imports, with one importer of each. */
async function staticGraph(entry: string): Promise<Map<string, string | undefined>> {
  const r = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    outdir: 'unused',
    external: ['typescript'],
    logLevel: 'silent',
  });
  const inputs = r.metafile.inputs;
  const from = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  for (let f = queue.shift(); f !== undefined; f = queue.shift())
    for (const imp of inputs[f]?.imports ?? []) {
      if (imp.kind === 'dynamic-import' || imp.external || from.has(imp.path)) continue;
      from.set(imp.path, f);
      queue.push(imp.path);
    }
  return from;
}

function chainTo(graph: Map<string, string | undefined>, file: string): string {
  const chain: string[] = [];
  for (let f: string | undefined = file; f !== undefined; f = graph.get(f)) chain.unshift(f);
  return chain.join(' → ');
}

describe('diff-payload start-up', () => {
  it('reaches no zod, yaml or cosmiconfig through static imports', async () => {
    const graph = await staticGraph('src/commands/diff-payload.ts');
    const heavy = [...graph.keys()].filter((f) => /node_modules\/(zod|yaml|cosmiconfig)\//.test(f));
    expect(heavy.slice(0, 3).map((f) => chainTo(graph, f))).toEqual([]);
    // The reader itself is part of the graph (the test would pass on an empty one).
    expect(graph.has('src/adapters/payload-reader.ts')).toBe(true);
  }, 60_000);
});
