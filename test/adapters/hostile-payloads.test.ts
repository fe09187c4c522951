import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sender, SendRequest } from '../../src/contracts/index.js';
import { loadPayloads } from '../../src/adapters/payload-input.js';
import { readPayloads } from '../../src/adapters/payload-reader.js';
import { generateSample } from '../../src/core/sample/generate.js';
import {
  HOSTILE_PAYLOADS as cases,
  type HostilePayload as Case,
} from '../helpers/hostile-payloads.js';
import { runDiffPayload } from '../../src/services/diff-payload.js';
import { runEndpointChecks } from '../../src/services/endpoint-checks.js';
import { silentLogger } from '../../src/ui/logger.js';
import { tempDir } from '../helpers/bin.js';
import { expectOneLineRefusal, refusal } from '../helpers/refusal.js';

// Hostile PAYLOADS through the file readers of them, in-process: the diff-payload reader and
// service (a 2.0 side), and test-endpoint's --payload loader and the check suite (a fake sender
// records what would be sent). Each is a clear refusal (exit 2) or accepted as data, as
// docs/reliability.md says; never a crash, and Object.prototype stays clean. The spawned
// contract, and the same cases as `qwh listen` bodies: test/reliability/hostile-payloads.test.ts.

/** A sender that answers 200 to everything and keeps the bodies it was given. */
function recordingSender(): Sender & { bodies: Buffer[] } {
  const bodies: Buffer[] = [];
  return {
    bodies,
    send(req: SendRequest) {
      bodies.push(Buffer.from(req.body));
      return Promise.resolve({
        ok: true,
        status: 200,
        body: Buffer.from('{"ok":true}'),
        truncated: false,
      });
    },
    close: () => Promise.resolve(),
  };
}

describe('hostile payloads, in-process: diff-payload and test-endpoint --payload', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  const v1 = (): string => join(t.dir, 'v1.json');
  beforeAll(async () => {
    t = await tempDir();
    await writeFile(v1(), JSON.stringify(generateSample(5).v1));
  });
  afterAll(async () => t.cleanup());
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  const fileFor = async (c: Case): Promise<string> => {
    const name = `${c.name.replace(/[^a-z0-9]+/gi, '-')}.json`;
    await writeFile(join(t.dir, name), c.make());
    return name;
  };
  /** What `qwh diff-payload v1.json <file>` runs: the reader of each side, then the service. */
  const diff = (v2: string) => {
    const common = { cwd: t.dir, stdin: process.stdin };
    return runDiffPayload(
      {
        v1: { label: 'v1.json', events: readPayloads(v1(), { ...common, side: 'v1' }) },
        v2: { label: v2, events: readPayloads(v2, { ...common, side: 'v2' }) },
        failOn: 'none',
        skipInvalid: false,
      },
      { logger: silentLogger },
    );
  };

  it.each(cases)('$name: diff-payload', async (c) => {
    const file = await fileFor(c);
    if (c.diff.exit === 2) {
      expectOneLineRefusal(await refusal(diff(file)), c.diff.message);
      return;
    }
    const { report } = await diff(file);
    expect(report.failed).toBe(false); // exit 0 (--fail-on none)
    expect(report.inputs.v2.payloads).toBe(1);
    expect(report.inputs.v2.invalid).toBe(0);
    expect(() => JSON.stringify(report)).not.toThrow(); // --format json
  });

  it.each(cases)('$name: test-endpoint --payload', async (c) => {
    const file = await fileFor(c);
    const warnings: string[] = [];
    const loading = loadPayloads(file, t.dir, 2, (m) => warnings.push(m));
    if (c.send.exit === 2) {
      // Refused while loading, so nothing can have been sent.
      expectOneLineRefusal(await refusal(loading), c.send.message);
      return;
    }
    const payloads = await loading;
    const sender = recordingSender();
    const report = await runEndpointChecks(
      {
        url: 'https://hooks.example/qwh',
        version: 2,
        payloads,
        checks: ['accepts-complete'],
        timeoutMs: 3000,
        warnMs: 5000,
        seed: 1,
      },
      { sender, clock: { now: () => performance.now() }, logger: silentLogger },
    );
    expect(report.verdict).toBe('pass'); // exit 0
    // What is sent is the captured bytes (an editor's BOM aside).
    const bytes = Buffer.from(c.make());
    const sent = bytes[0] === 0xef ? bytes.subarray(3) : bytes;
    expect(sender.bodies[0]).toEqual(sent);
  });

  it('a /dev/zero and an empty folder given as a payload file: exit 2 each, from both readers', async () => {
    const dir = join(t.dir, 'empty-folder');
    await mkdir(dir);
    for (const [p, msg] of [
      ['/dev/zero', /\/dev\/zero: is a character device, not a regular file/],
      [dir, /no payload found|no \.json/],
    ] as const) {
      expectOneLineRefusal(await refusal(diff(p)), msg);
      expectOneLineRefusal(await refusal(loadPayloads(p, t.dir, 2, () => {})), msg);
    }
  });
});
