import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { editAccountText } from '../../src/core/migrate/edit-text.js';
import { removeAccountItems } from '../../src/core/migrate/remove-text.js';

// Issue 17 #8: a YAML anchor reused across webhooks (`enabled: &on true` … `enabled: *on`, or an
// anchored map) passed check, then turning one webhook off (confirm v1-off; resume repeats it)
// threw "YAML edit did not produce the expected data" (exit 70, every time): the in-place edit
// changed the anchor and so the alias too, and the re-render replaced the anchored node, leaving
// the alias dangling. Removing the item holding the anchor (confirm v1-deleted) did the same.

const TEXT = `version: 1
account: { id: 1, name: A }
websites:
  - &site { id: 1234, name: News }
webhooks:
  - key: main   # the CRM
    version: 1
    scope: &acct account
    url: https://h.example/main
    enabled: &on true
  - key: news
    version: 1
    scope: *acct
    url: https://h.example/news
    enabled: *on
    extra: &shared { a: 1 }
  - key: other
    version: 1
    scope: account
    url: https://h.example/other
    enabled: *on
    extra: *shared
pushRules:
  - { level: default, destination: main }
`;

const data = (text: string): Record<string, Array<Record<string, unknown>>> => {
  const r = parseDocumentText(text, 'yaml', ACCOUNT_FILE_LIMITS);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value as Record<string, Array<Record<string, unknown>>>;
};

describe('YAML anchors reused across webhooks', () => {
  it.each([0, 1, 2])(
    'turning webhook %i off changes that webhook only (and a second edit works)',
    (index) => {
      const before = data(TEXT);
      const { text } = editAccountText(TEXT, 'yaml', before, [
        { kind: 'set-enabled', index, enabled: false },
      ]);
      const after = data(text);
      expect(after.webhooks!.map((w) => w.enabled)).toEqual(
        [true, true, true].map((v, i) => (i === index ? false : v)),
      );
      expect(after.webhooks!.map((w) => w.scope)).toEqual(['account', 'account', 'account']);
      expect(after.webhooks![2]!.extra).toEqual({ a: 1 });
      expect(text).toContain('# the CRM');
      const again = editAccountText(text, 'yaml', after, [
        { kind: 'set-enabled', index: (index + 1) % 3, enabled: false },
      ]);
      expect(data(again.text).webhooks!.filter((w) => w.enabled === false)).toHaveLength(2);
    },
  );

  it('adding a webhook next to one with anchors keeps the others as they were', () => {
    const before = data(TEXT);
    const webhook = { key: 'main-v2', version: 2, scope: 'account', host: 'https://h.example/m' };
    const { text } = editAccountText(TEXT, 'yaml', before, [
      { kind: 'insert-webhook', afterIndex: 0, webhook },
      { kind: 'set-enabled', index: 1, enabled: false },
    ]);
    expect(parse(text)).toEqual({
      ...before,
      webhooks: [
        before.webhooks![0],
        webhook,
        { ...before.webhooks![1], enabled: false },
        before.webhooks![2],
      ],
    });
  });

  it.each([0, 1])(
    'removing webhook %i (which holds an anchor) leaves the aliases resolved',
    (i) => {
      const before = data(TEXT);
      const text = removeAccountItems(TEXT, 'yaml', before, { webhooks: [i], pushRules: [] });
      const after = data(text);
      expect(after.webhooks).toEqual(before.webhooks!.filter((_, k) => k !== i));
    },
  );
});
