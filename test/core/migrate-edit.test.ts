import { describe, expect, it } from 'vitest';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText, type DocumentFormat } from '../../src/core/input/parse-document.js';
import { editAccountText } from '../../src/core/migrate/edit-text.js';
import type { AccountEdit } from '../../src/core/migrate/edits.js';
import { diffLines, formatUnifiedDiff } from '../../src/core/migrate/line-diff.js';
import { lastChangingRun, parseJournal, unfinishedRun } from '../../src/core/migrate/journal.js';

const V2 = {
  key: 'a-v2',
  version: 2,
  scope: 'account',
  name: 'A webhook 2.0',
  host: 'https://h.example/x?token=t',
  incompleteParticipations: false,
  secret: { file: '.qwh/secrets/a/a-v2.secret' },
  enabled: true,
};
const EDITS: AccountEdit[] = [
  { kind: 'insert-webhook', afterIndex: 0, webhook: V2 },
  { kind: 'insert-rule', afterIndex: 0, rule: { level: 'default', destination: 'a-v2' } },
];

function edit(text: string, format: DocumentFormat, edits: AccountEdit[] = EDITS) {
  const p = parseDocumentText(text, format, ACCOUNT_FILE_LIMITS);
  if (!p.ok) throw new Error('does not parse');
  return editAccountText(text, format, p.value, edits);
}

const YAML = `# head comment
version: 1
account: { id: 1, name: A }   # aligned
webhooks:
  - key: a        # the CRM
    version: 1
    scope: account
    url: https://h.example/x?token=t
pushRules:
  - { level: default, destination: a }     # wide gap kept
`;

describe('editAccountText', () => {
  it('YAML: only adds lines; comments, spacing and order untouched', () => {
    const out = edit(YAML, 'yaml');
    expect(out.method).toBe('in-place');
    const removed = diffLines(YAML, out.text).flatMap((h) => h.lines.filter((l) => l.op === '-'));
    expect(removed).toEqual([]);
    expect(out.text).toContain(
      '  - { level: default, destination: a }     # wide gap kept\n  - { level: default, destination: a-v2 }\n',
    );
    expect(out.text).toContain(
      '    url: https://h.example/x?token=t\n  - key: a-v2\n    version: 2\n',
    );
    expect(out.text).toContain('    secret: { file: .qwh/secrets/a/a-v2.secret }\n');
  });

  it('YAML: set-enabled replaces the value, or adds the key (block and flow maps)', () => {
    const disable: AccountEdit[] = [{ kind: 'set-enabled', index: 0, enabled: false }];
    expect(edit(YAML, 'yaml', disable).text).toContain(
      '    url: https://h.example/x?token=t\n    enabled: false\npushRules:',
    );
    const withKey = YAML.replace('scope: account', 'scope: account\n    enabled: true # on');
    expect(edit(withKey, 'yaml', disable).text).toContain('    enabled: false # on\n');
    const flow = `version: 1\naccount: { id: 1, name: A }\nwebhooks:\n  - { key: a, version: 1, scope: account, url: "https://h.example/x" }\n`;
    expect(edit(flow, 'yaml', disable).text).toContain(
      '  - { key: a, version: 1, scope: account, url: "https://h.example/x", enabled: false }\n',
    );
  });

  it('YAML: keeps CRLF line endings and a missing final newline', () => {
    const crlf = YAML.replace(/\n/g, '\r\n');
    const out = edit(crlf, 'yaml').text;
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    const noFinal = YAML.slice(0, -1);
    expect(edit(noFinal, 'yaml').text).toMatch(/a-v2 \}$/m);
  });

  it('YAML: unusual layouts (flow sequences) fall back to a re-render, still checked', () => {
    const flowSeq = `version: 1\naccount: { id: 1, name: A }\nwebhooks: [{ key: a, version: 1, scope: account, url: "https://h.example/x?token=t" }]\npushRules: [{ level: default, destination: a }]\n`;
    const out = edit(flowSeq, 'yaml');
    expect(out.method).toBe('yaml-rerender');
    const p = parseDocumentText(out.text, 'yaml', ACCOUNT_FILE_LIMITS);
    expect(p.ok && (p.value as { webhooks: unknown[] }).webhooks).toHaveLength(2);
  });

  it('JSON: re-serialised with the file’s indentation, key order and final newline', () => {
    const json = JSON.stringify(
      {
        version: 1,
        account: { id: 1, name: 'A' },
        webhooks: [{ key: 'a', version: 1, scope: 'account', url: 'https://h.example/x?token=t' }],
        pushRules: [{ level: 'default', destination: 'a' }],
      },
      null,
      4,
    );
    const out = edit(json + '\n', 'json');
    expect(out.method).toBe('json');
    expect(out.text.endsWith('}\n')).toBe(true);
    expect(out.text).toContain('\n    "webhooks": [\n        {\n            "key": "a",');
    expect(Object.keys(JSON.parse(out.text) as object)).toEqual([
      'version',
      'account',
      'webhooks',
      'pushRules',
    ]);
    const tabs = edit(JSON.stringify(JSON.parse(json), null, '\t'), 'json').text;
    expect(tabs).toContain('\n\t"webhooks"');
    expect(tabs.endsWith('}')).toBe(true);
  });
});

describe('diffLines', () => {
  it('reproduces the new text from the old one, and finds no hunk for equal texts', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\n';
    const b = 'a\nB\nc\nd\nx\ne\nf\n';
    const hunks = diffLines(a, b, 100);
    const rebuilt = hunks
      .flatMap((h) => h.lines)
      .filter((l) => l.op !== '-')
      .map((l) => l.text);
    expect(rebuilt.join('\n') + '\n').toBe(b);
    expect(diffLines(a, a)).toEqual([]);
    expect(formatUnifiedDiff(diffLines(a, b), 'x', 'y')).toContain('@@ -1,');
  });
});

describe('journal', () => {
  const begin = {
    t: 'begin',
    run: 'r1',
    at: 'x',
    command: 'migrate',
    file: 'f',
    sourceSha256: 's0',
    options: {},
    planned: { create: [], twins: 0, disable: [] },
  };
  it('drops a torn last line, refuses a bad line in the middle', () => {
    const good = JSON.stringify(begin);
    const torn = parseJournal(`${good}\n{"t":"backup","run":"r1","at`);
    expect(torn.ok && torn.records.length).toBe(1);
    expect(torn.ok && torn.tornTail).toBe(true);
    const bad = parseJournal(`${good}\nnot json\n${good}\n`);
    expect(bad).toEqual({ ok: false, line: 2, message: 'not a JSON record' });
  });
  it('finds the unfinished run and the last run that changed the file', () => {
    const recs = [
      begin,
      { t: 'backup', run: 'r1', at: 'x', backup: 'f.bak', sha256: 's0' },
      {
        t: 'write',
        run: 'r1',
        at: 'x',
        step: 'add-v2',
        phase: 'intent',
        before: 's0',
        after: 's1',
      },
    ].map((r) => JSON.stringify(r));
    const p = parseJournal(recs.join('\n') + '\n');
    if (!p.ok) throw new Error('parse');
    expect(unfinishedRun(p.records)?.run).toBe('r1');
    expect(lastChangingRun(p.records)).toMatchObject({
      run: 'r1',
      backup: 'f.bak',
      lastSha: 's0',
      shas: ['s0', 's1'],
      finished: false,
    });
  });
});
