import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as assumptions from '../../src/core/assumptions.js';

const SRC = join(import.meta.dirname, '../../src');
/** Assumptions defined before the code that reads them lands (none at the moment). */
const WAITING = new Set<string>([]);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Names each file of src/ imports from assumptions.js. */
function importedNames(): Map<string, string[]> {
  const from = new Map<string, string[]>();
  const IMPORT = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'[./]*(?:core\/)?assumptions\.js'/g;
  for (const file of tsFiles(SRC)) {
    if (file.endsWith(join('core', 'assumptions.ts'))) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT))
      for (const raw of m[1]!.split(',')) {
        const name = raw
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]!;
        if (name) from.set(name, [...(from.get(name) ?? []), relative(SRC, file)]);
      }
  }
  return from;
}

describe('src/core/assumptions.ts', () => {
  it('every assumption is read somewhere in src/ (or deleted)', () => {
    const used = importedNames();
    const unread = Object.keys(assumptions).filter((k) => !WAITING.has(k) && !used.has(k));
    expect(unread).toEqual([]);
  });

  it('the scan sees the imports it must (a scan that finds nothing proves nothing)', () => {
    const used = importedNames();
    expect(used.get('SIGNATURE_HEADER')).toEqual(
      expect.arrayContaining([join('core', 'endpoint', 'suite-plan.ts')]),
    );
    expect(used.get('SIGNATURE_DIGEST_ENCODING')).toEqual([
      join('core', 'endpoint', 'artillery-export.ts'),
      join('core', 'signing.ts'),
    ]);
    expect(used.get('RULE_PRECEDENCE')).toEqual([join('core', 'routing', 'route.ts')]);
    expect(used.get('SAME_TARGET_RULES_ALL_APPLY')).toEqual(
      expect.arrayContaining([
        join('core', 'routing', 'route.ts'),
        join('core', 'migrate', 'runbook.ts'),
      ]),
    );
    expect(Object.keys(assumptions).length).toBeGreaterThan(WAITING.size + 5);
  });
});
