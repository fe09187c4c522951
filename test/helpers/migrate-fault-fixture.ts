import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect } from 'vitest';
import { tempDir } from './bin.js';
import { leakForms } from './proc.js';

// The account of the migrate fault tests (spawned in test/reliability/migrate-faults.test.ts,
// in-process in test/services/migrate-faults.test.ts) and what they check of the files it leaves.

export const USER = 'acme';
export const PASS = 'Pw-9f2e-reliab';
export const TOKEN = 'tok-7c1d55aa-reliab';
export const BASIC = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
export const FILE = 'qualifio-account.yaml';
export const SECRETS = '.qwh/secrets/qualifio-account.yaml';

/** Two webhooks 1.0 (basic auth in one URL, a query token in the other), four push rules. */
export const accountYaml = (port: number, padding = 0): string =>
  `# Acme: two webhooks 1.0 (account + website), four push rules
version: 1
account: { id: 4321, name: Acme Media }
websites:
  - { id: 1234, name: Acme News }
webhooks:
  - key: main
    version: 1
    scope: account
    url: http://${USER}:${PASS}@127.0.0.1:${port}/main
  - key: news
    version: 1
    scope: { website: 1234 }
    url: http://127.0.0.1:${port}/news?token=${TOKEN}
pushRules:
  - { level: default, destination: main }
  - { level: website, target: 1234, campaignMode: both, destination: news }
  - { level: campaign, target: 99888, destination: main }
  - { level: campaign, target: 99887, destination: null }   # exclusion
${'# padding to size the file for the file-size limit test ..........\n'.repeat(padding)}`;

/** A folder holding the account file, and its original bytes. */
export interface FaultEnv {
  dir: string;
  file: string;
  original: Buffer;
  cleanup: () => Promise<void>;
}

/** A temp folder with the account file pointing at `port`. */
export async function accountDir(port: number, padding = 0): Promise<FaultEnv> {
  const t = await tempDir('qwh-faults-');
  const file = join(t.dir, FILE);
  await writeFile(file, accountYaml(port, padding));
  return { dir: t.dir, file, original: readFileSync(file), cleanup: t.cleanup };
}

interface Doc {
  webhooks: Array<{ key: string; version: number; enabled?: boolean }>;
  pushRules: Array<Record<string, unknown>>;
}
const doc = (env: FaultEnv): Doc => parse(readFileSync(env.file, 'utf8')) as Doc;
export const journalPath = (env: FaultEnv): string =>
  join(env.dir, '.qwh', `journal-${FILE}.jsonl`);
export const journal = (env: FaultEnv): string =>
  existsSync(journalPath(env)) ? readFileSync(journalPath(env), 'utf8') : '';
export const lastRecord = (env: FaultEnv): Record<string, unknown> =>
  JSON.parse(journal(env).trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
export const backups = (env: FaultEnv): string[] =>
  (existsSync(join(env.dir, '.qwh', 'backups'))
    ? readdirSync(join(env.dir, '.qwh', 'backups'))
    : []
  )
    .filter((f) => f.startsWith(`${FILE}.qwh-bak-`))
    .map((f) => `.qwh/backups/${f}`);
export const strays = (env: FaultEnv): string[] =>
  readdirSync(env.dir).filter((f) => f.includes('qwh-tmp'));
export const lockExists = (env: FaultEnv): boolean =>
  existsSync(join(env.dir, '.qwh', `${FILE}.lock`));

/** The three states a run may leave the file in: as it was, 2.0 added, 1.0 turned off. */
export function stateOf(env: FaultEnv): 'old' | 'new' | 'final' {
  const bytes = readFileSync(env.file);
  if (bytes.equals(env.original)) return 'old';
  const d = doc(env); // parses: never partial
  expect(d.webhooks.map((w) => w.key)).toEqual(['main', 'main-v2', 'news', 'news-v2']);
  return d.webhooks.some((w) => w.version === 1 && w.enabled === false) ? 'final' : 'new';
}

/** The migrated file: each 2.0 webhook and rule twin exactly once, 1.0 off. */
export function expectMigratedOnce(env: FaultEnv): void {
  const d = doc(env);
  expect(d.webhooks.map((w) => [w.key, w.enabled ?? true])).toEqual([
    ['main', true], // 1.0 stays on: only `confirm v1-off` marks it off
    ['main-v2', true],
    ['news', true],
    ['news-v2', true],
  ]);
  const rules = d.pushRules.map((r) => JSON.stringify(r));
  expect(rules).toHaveLength(7); // 4 rules + 3 twins (the exclusion gets none)
  expect(new Set(rules).size).toBe(rules.length);
}

/** Every secret of the run (URL credentials and the secret files qwh wrote), in every form. */
function secretsOf(env: FaultEnv): string[] {
  const values = [PASS, TOKEN, BASIC, BASIC.slice('Basic '.length)];
  for (const f of ['main-v2.secret', 'main-v2.auth', 'news-v2.secret']) {
    const p = join(env.dir, SECRETS, f);
    if (existsSync(p)) values.push(readFileSync(p, 'utf8').trim());
  }
  return values.flatMap(leakForms);
}

/** No secret in `texts` (what qwh printed), the journal or a file name of the folder. */
export function expectNoSecrets(env: FaultEnv, texts: string[]): void {
  const all = [...texts, journal(env), ...readdirSync(env.dir)];
  for (const s of secretsOf(env)) for (const t of all) expect(t).not.toContain(s);
}
