import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { AccountFile } from '../../src/core/account/schema.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { routesView } from '../../src/core/routing/view.js';
import { MESSAGES } from '../../src/messages/index.js';
import { ROUTES_REPORTERS } from '../../src/ui/reporters/routes.js';
import { FIXTURES } from '../helpers/bin.js';

const plain = new Chalk({ level: 0 });
const SRC = { file: 'acme.yaml', format: 'yaml' as const, sourceSha256: 'a'.repeat(64) };

function load(name: string): AccountFile {
  const p = parseDocumentText(
    readFileSync(join(FIXTURES, 'accounts', name), 'utf8'),
    'yaml',
    ACCOUNT_FILE_LIMITS,
  );
  if (!p.ok) throw new Error('fixture does not parse');
  const v = validateAccount(p.value);
  if (!v.ok) throw new Error('fixture invalid');
  return v.account;
}

describe('routes reporters', () => {
  it('json without a plan: file, account, rows (no verdict keys)', () => {
    const doc = JSON.parse(
      ROUTES_REPORTERS.json(routesView(load('acme.yaml'), 'acme.yaml'), plain),
    );
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'file', 'account', 'rows']);
    expect(doc.rows[0]).toEqual({
      target: { level: 'website', id: 1234, name: 'Acme News', kind: 'identified' },
      label: 'website 1234 (Acme News), identified campaigns',
      before: {
        level: 'website',
        excluded: false,
        destinations: [{ key: 'news', kind: 'webhook-v1', delivers: true }],
        delivered: ['news'],
        text: 'news',
        decidedBy: 'pushRules[1] website 1234 (Acme News) both → news',
      },
      lost: [],
      newlyPushed: [],
    });
  });

  it('json with a plan: the verdict, the pairs and the counts come first', () => {
    const v = routesView(load('acme.yaml'), 'acme.yaml', SRC);
    const doc = JSON.parse(ROUTES_REPORTERS.json(v, plain));
    expect(Object.keys(doc)).toEqual([
      'schemaVersion',
      'file',
      'account',
      'preserved',
      'verdict',
      'pairs',
      'lostRows',
      'newlyPushedRows',
      'rows',
    ]);
    expect(doc.pairs).toEqual([
      { v1Key: 'main', v2Key: 'main-v2' },
      { v1Key: 'news', v2Key: 'news-v2' },
    ]);
    expect(doc.rows[0].after.delivered).toEqual(['news-v2']);
  });

  it('human, with a plan that loses deliveries (snapshot)', () => {
    const v = routesView(load('lost-routing.yaml'), 'lost-routing.yaml', SRC);
    const text = ROUTES_REPORTERS.human(v, plain);
    expect(text).toContain(MESSAGES.routes.notPreserved(2));
    expect(text).toMatchSnapshot();
  });

  it('markdown, acme with its plan (snapshot)', () => {
    const text = ROUTES_REPORTERS.markdown(routesView(load('acme.yaml'), 'acme.yaml', SRC), plain);
    expect(text).toMatchSnapshot();
  });
});
