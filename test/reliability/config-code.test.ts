import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { runQwh, tempDir } from '../helpers/bin.js';

// Issue 17 #3: `--config evil.js` ran the file (cosmiconfig's default loaders stayed on for an
// explicit path). Config files are data only: each code form is refused (exit 2) unread.

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('qwh-config-code-')));
afterAll(() => cleanup());

describe('--config with a code file', () => {
  it.each(['evil.js', 'evil.cjs', 'evil.mjs', 'evil.ts', 'qwh.config.js'])(
    '%s: exit 2 "data only", the code never runs',
    async (name) => {
      const marker = join(dir, `${name}.ran`);
      const code = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = {};`;
      const esm = `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};`;
      await writeFile(join(dir, name), name.endsWith('.mjs') || name.endsWith('.ts') ? esm : code);
      const r = await runQwh(['check', '--config', name, 'none.yaml'], { cwd: dir });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(MESSAGES.config.notData(name));
      expect(existsSync(marker)).toBe(false);
    },
  );
});
