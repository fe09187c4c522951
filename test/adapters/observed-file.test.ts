import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObservedFile } from '../../src/adapters/observed-file.js';
import type { ObservedDoc, ObservedEntry } from '../../src/core/migrate/captures.js';
import { isUserError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { MESSAGES } from '../../src/messages/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qwh-observed-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const entry = (i: number): ObservedEntry => ({
  k: `d${i}`,
  v: 1,
  id: `p-${i}`,
  at: 1_700_000_000_000 + i,
  campaign: '99888',
  website: '1235',
  state: 'COMPLETED',
  j: ['main'],
  to: [{ key: 'main', ok: true }],
});
const docOf = (n: number): ObservedDoc => ({
  version: 1,
  entries: Array.from({ length: n }, (_, i) => entry(i)),
});

describe('the observe ledger on disk (adapters/observed-file.ts)', () => {
  it('refuses (exit 4) a ledger past the size read accepts and keeps the one before', async () => {
    const small = docOf(3);
    const cap = Buffer.byteLength(JSON.stringify(docOf(10)) + '\n');
    const ledger = new ObservedFile(join(dir, 'qualifio-account.yaml'), cap);
    await ledger.write(small);
    const before = await readFile(ledger.path, 'utf8');
    // At the bound: written, and read back whole (read and write share the bound).
    await ledger.write(docOf(10));
    expect((await ledger.read()).entries).toHaveLength(10);
    await ledger.write(small);
    const over = await ledger.write(docOf(11)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUserError(over) && over.exitCode).toBe(ExitCode.REFUSED);
    expect((over as Error).message).toBe(
      MESSAGES.migrate.store.observedTooBig('.qwh/observed-qualifio-account.yaml.json', 11, cap),
    );
    expect(await readFile(ledger.path, 'utf8')).toBe(before);
  });
});
