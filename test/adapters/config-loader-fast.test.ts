import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFIG_SEARCH_PLACES,
  loadConfig,
  provablyNoConfig,
} from '../../src/adapters/config-loader.js';
import { decodeUtf8 } from '../../src/core/input/decode.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { detectFormat, parseDocumentText } from '../../src/core/input/parse-document.js';
import { tempDir } from '../helpers/bin.js';
import { readFile } from 'node:fs/promises';

// loadConfig answers {} without loading cosmiconfig when provablyNoConfig says no config is on
// disk (start-up, issue #18). Each case builds a real folder tree and checks both directions:
// where the fast path is taken, cosmiconfig itself (configured as loadConfig configures it)
// finds nothing; where a config exists or anything is unusual, the fast path is not taken.

/** The data loader loadConfig hands cosmiconfig, for the reference search. */
async function load(filepath: string): Promise<unknown> {
  const text = decodeUtf8(await readFile(filepath), filepath);
  const parsed = parseDocumentText(
    text,
    filepath.endsWith('.qwhrc') ? detectFormat('', text) : detectFormat(filepath, text),
    ACCOUNT_FILE_LIMITS,
  );
  if (!parsed.ok) throw new Error(`bad ${filepath}`);
  return parsed.value;
}

/** cosmiconfig's own verdict from cwd: the config it finds, or undefined for none. */
async function cosmiconfigFinds(cwd: string): Promise<unknown> {
  const explorer = cosmiconfig('qwh', {
    searchPlaces: CONFIG_SEARCH_PLACES,
    searchStrategy: 'project',
    loaders: { '.json': load, '.yaml': load, '.yml': load, noExt: load },
    cache: false,
  });
  const r = await explorer.search(cwd);
  return r && !r.isEmpty ? r.config : undefined;
}

let root: string;
let cleanup: () => Promise<void>;
let n = 0;

/** A fresh project folder (a package.json stops the walk, as in a user's repository). */
async function tree(files: Record<string, string | null>, pkg = '{"name":"p"}'): Promise<string> {
  const dir = join(root, `case-${n++}`);
  await mkdir(dir, { recursive: true });
  if (pkg !== '') await writeFile(join(dir, 'package.json'), pkg);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(join(dir, rel, text === null ? '' : '..'), { recursive: true });
    if (text !== null) await writeFile(join(dir, rel), text);
  }
  return dir;
}

beforeAll(async () => {
  ({ dir: root, cleanup } = await tempDir('qwh-config-fast-'));
});
afterAll(async () => cleanup());

describe('config search without cosmiconfig when no config is on disk', () => {
  it('takes the fast path for a project without a config, from its root and from a subfolder, and cosmiconfig agrees', async () => {
    const dir = await tree({ 'a/b': null, 'a/.qwhrc.js': 'module.exports = {}' });
    for (const cwd of [dir, join(dir, 'a'), join(dir, 'a/b')]) {
      expect(await provablyNoConfig(cwd, load)).toBe(true);
      expect(await cosmiconfigFinds(cwd)).toBeUndefined();
      expect(await loadConfig(cwd)).toEqual({ config: {}, dir: cwd });
    }
  });

  it('stops where cosmiconfig stops: a package.yaml below a folder with a config', async () => {
    const dir = await tree(
      { '.qwhrc.yaml': 'account: up.yaml\n', 'a/package.yaml': 'name: a\n' },
      '',
    );
    const cwd = join(dir, 'a');
    expect(await provablyNoConfig(cwd, load)).toBe(true);
    expect(await cosmiconfigFinds(cwd)).toBeUndefined();
    // Without the stop, the config above is found (the walk is the same as cosmiconfig's).
    expect(await provablyNoConfig(dir, load)).toBe(false);
    expect(await cosmiconfigFinds(dir)).toEqual({ account: 'up.yaml' });
  });

  it.each([
    ['.qwhrc', 'account: a.yaml\n'],
    ['.qwhrc.json', '{"account":"a.yaml"}'],
    ['.qwhrc.yaml', 'account: a.yaml\n'],
    ['.qwhrc.yml', 'account: a.yaml\n'],
    ['qwh.config.json', '{"account":"a.yaml"}'],
    ['qwh.config.yaml', 'account: a.yaml\n'],
    ['qwh.config.yml', 'account: a.yaml\n'],
  ])('does not take it when %s exists (in the folder above the cwd too)', async (place, text) => {
    const dir = await tree({ [place]: text, sub: null });
    for (const cwd of [dir, join(dir, 'sub')]) {
      expect(await provablyNoConfig(cwd, load)).toBe(false);
      expect((await loadConfig(cwd)).config).toEqual({ account: 'a.yaml' });
    }
  });

  it('does not take it for a package.json with a qwh key, one that does not parse, or an empty one', async () => {
    const withKey = await tree({}, '{"name":"p","qwh":{"account":"a.yaml"}}');
    expect(await provablyNoConfig(withKey, load)).toBe(false);
    expect((await loadConfig(withKey)).config).toEqual({ account: 'a.yaml' });
    for (const pkg of ['{"name":', ' ', '[]', '{"cosmiconfig":{}}']) {
      const dir = await tree({}, pkg);
      expect(await provablyNoConfig(dir, load)).toBe(false);
    }
  });

  it('does not take it when a candidate is a folder (the slow path refuses it)', async () => {
    const dir = await tree({ 'qwh.config.json': null });
    expect(await provablyNoConfig(dir, load)).toBe(false);
    await expect(loadConfig(dir)).rejects.toThrow(/qwh\.config\.json/);
  });

  it("does not take it when process.cwd() holds cosmiconfig's meta config", async () => {
    const cwd = await tree({});
    expect(await provablyNoConfig(cwd, load, await tree({ '.config/config.json': '{}' }))).toBe(
      false,
    );
    expect(await provablyNoConfig(cwd, load, await tree({}, '{"cosmiconfig":{}}'))).toBe(false);
    expect(await provablyNoConfig(cwd, load, await tree({}, '{"name":"plain"}'))).toBe(true);
  });
});
