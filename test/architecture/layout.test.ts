import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The house rules of docs/architecture.md that lint cannot express: thin commands, short
// service functions, no file-system code in commands, no test seam shipped in src/.

const ROOT = new URL('../../', import.meta.url).pathname;
const MAX_COMMAND_LINES = 80;
const MAX_SERVICE_FUNCTION_LINES = 60;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}

const rel = (p: string): string => relative(ROOT, p);
const lineCount = (text: string): number => text.replace(/\n$/, '').split('\n').length;

/** Every function-like node of a file with its line span. */
function functionSpans(file: string): Array<{ name: string; lines: number }> {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const spans: Array<{ name: string; lines: number }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const named = (node as { name?: ts.Node }).name;
      const name = named ? named.getText(sf) : `(anonymous at line ${start + 1})`;
      spans.push({ name, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return spans;
}

describe('architecture: the house rules', () => {
  it(`no command (a module with a default handler) is over ${MAX_COMMAND_LINES} lines`, () => {
    const commands = filesUnder(join(ROOT, 'src/commands')).filter((f) =>
      /^export default /m.test(readFileSync(f, 'utf8')),
    );
    expect(commands.length).toBeGreaterThan(10);
    const long = commands
      .map((f) => ({ file: rel(f), lines: lineCount(readFileSync(f, 'utf8')) }))
      .filter((x) => x.lines > MAX_COMMAND_LINES);
    expect(long).toEqual([]);
  });

  it(`no function in src/services is over ${MAX_SERVICE_FUNCTION_LINES} lines`, () => {
    const long = filesUnder(join(ROOT, 'src/services')).flatMap((f) =>
      functionSpans(f)
        .filter((s) => s.lines > MAX_SERVICE_FUNCTION_LINES)
        .map((s) => `${rel(f)} ${s.name}: ${s.lines} lines`),
    );
    expect(long).toEqual([]);
  });

  it('commands touch no file system themselves (adapters do)', () => {
    const offenders = filesUnder(join(ROOT, 'src/commands')).filter((f) =>
      /from '(node:)?fs(\/promises)?'/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map(rel)).toEqual([]);
  });

  it('commands take typed input from their resolvers, not `opts.x as T` casts', () => {
    const casts = filesUnder(join(ROOT, 'src/commands')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\b(opts|flags)\.\w+ as /g)].map(
        (m) => `${rel(f)}: ${m[0]}`,
      ),
    );
    expect(casts).toEqual([]);
  });

  it('no test seam ships in src/ (QWH_TEST_*)', () => {
    const seams = filesUnder(join(ROOT, 'src')).filter((f) =>
      /QWH_TEST_[A-Z]/.test(readFileSync(f, 'utf8')),
    );
    expect(seams.map(rel)).toEqual([]);
  });

  it('the rules can fail: a long function is measured as long', () => {
    const spans = functionSpans(join(ROOT, 'test/architecture/layout.test.ts'));
    expect(spans.some((s) => s.lines > 10)).toBe(true);
  });
});
