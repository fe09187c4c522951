import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReceiver } from '../../src/adapters/local-receiver.js';
import { BACK_OFFICE } from '../../src/core/assumptions.js';
import { MESSAGES } from '../../src/messages/index.js';
import { ROOT } from '../helpers/bin.js';

// #16 "Stale statements": what the README and the messages say must match what qwh does.
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

function send(url: string, method: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('README and behaviour agree', () => {
  it('listen: GET and HEAD answer 200 (health check), another method 405 — and README says so', async () => {
    const r = await startReceiver({});
    try {
      expect(await send(r.url, 'GET')).toBe(200);
      expect(await send(r.url, 'HEAD')).toBe(200);
      expect(await send(r.url, 'PUT')).toBe(405);
      expect(r.stats.received).toBe(1); // only the PUT counts as a (rejected) delivery
    } finally {
      await r.close();
    }
    expect(readme).toContain('**200** to a `GET` or\n`HEAD`');
    expect(readme).toContain('**405** any\nother method');
    expect(readme).not.toContain('**405** not a POST');
  });

  it('every page under docs/ is linked from README', () => {
    const pages = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
    expect(pages).toContain('endpoint-testing.md');
    for (const p of pages) expect(readme, p).toContain(`](docs/${p}`);
  });

  it("init's section titles name the back-office menus the runbook names (one source)", () => {
    expect(MESSAGES.init.webhookSection(BACK_OFFICE.webhook1)).toContain(BACK_OFFICE.webhook1);
    expect(MESSAGES.init.rulesSection(BACK_OFFICE.pushRules)).toContain(BACK_OFFICE.pushRules);
    const dialogue = readFileSync(join(ROOT, 'src/services/init-dialogue.ts'), 'utf8');
    expect(dialogue).toContain('Q.webhookSection(BACK_OFFICE.webhook1)');
    expect(dialogue).toContain('Q.rulesSection(BACK_OFFICE.pushRules)');
  });
});
