import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ui/logger.js';

describe('a warning is said once per run (#16 bug 12; resume printed file warnings twice)', () => {
  it('the same warning twice, through two loggers of one run: one line', () => {
    const lines: string[] = [];
    const stderr = {
      write: (s: string) => lines.push(s),
      isTTY: false,
      columns: 80,
      colorLevel: 0 as const,
    };
    const ctx = { stderr, env: {} };
    createLogger(ctx).warn('acme.yaml › webhooks[main].url: x');
    createLogger(ctx).warn('acme.yaml › webhooks[main].url: x');
    createLogger(ctx).warn('another');
    expect(lines).toEqual(['warning: acme.yaml › webhooks[main].url: x\n', 'warning: another\n']);
  });
  it('another run (another stderr) says it again', () => {
    const a: string[] = [];
    const b: string[] = [];
    const mk = (l: string[]) => ({
      stderr: {
        write: (s: string) => l.push(s),
        isTTY: false,
        columns: 80,
        colorLevel: 0 as const,
      },
      env: {},
    });
    createLogger(mk(a)).warn('w');
    createLogger(mk(b)).warn('w');
    expect([a.length, b.length]).toEqual([1, 1]);
  });
});
