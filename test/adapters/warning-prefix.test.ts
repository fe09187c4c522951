import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/contracts/index.js';
import { readEndpointTarget } from '../../src/adapters/endpoint-target.js';
import { Redactor } from '../../src/core/redact.js';
import { MESSAGES } from '../../src/messages/index.js';

// #16 "the `warning:` prefix missing on one warning": the URL-credentials warning of
// test-endpoint (an account file's 1.0 URL with user:pass@) went through log.info, so it was
// printed without the logger's `warning:` prefix. It goes through log.warn now.

function spyLogger(): Logger & { lines: Array<[string, string]> } {
  const lines: Array<[string, string]> = [];
  const at = (level: string) => (m: string) => void lines.push([level, m]);
  return {
    lines,
    info: at('info'),
    success: at('success'),
    warn: at('warn'),
    error: at('error'),
    hint: at('hint'),
    debug: at('debug'),
  };
}

describe('warnings carry the warning: prefix', () => {
  it('test-endpoint: credentials in the URL are a warning (log.warn), not an info line', async () => {
    const log = spyLogger();
    const redactor = new Redactor();
    const target = await readEndpointTarget(
      {
        url: 'http://acme:s3cr3t-pass@127.0.0.1:9/hook',
        version: 1,
        timeoutMs: 1000,
        warnMs: 500,
        reporter: 'human',
      },
      {
        env: {},
        cwd: process.cwd(),
        bases: { cwd: process.cwd() } as Parameters<typeof readEndpointTarget>[1]['bases'],
        masker: { add: (v: string) => redactor.add(v) } as Parameters<
          typeof readEndpointTarget
        >[1]['masker'],
        log,
      },
    );
    expect(target.authHeader?.name).toBe('Authorization');
    expect(log.lines).toContainEqual(['warn', MESSAGES.endpoint.credentialsInUrl]);
    expect(log.lines).not.toContainEqual(['info', MESSAGES.endpoint.credentialsInUrl]);
  });
});
