import { describe, expect, it } from 'vitest';
import { resolveDiffInput } from '../../src/core/diff/input.js';
import { DIFF_PAYLOAD_OPTIONS } from '../../src/core/options/diff-payload.js';
import { resolveOptions } from '../../src/core/options/resolve.js';
import { MESSAGES } from '../../src/messages/index.js';

const resolve = (
  flags: Record<string, unknown>,
  args: (string | undefined)[] = [],
  config?: Record<string, unknown>,
) =>
  resolveDiffInput(
    resolveOptions(DIFF_PAYLOAD_OPTIONS, { flags, args, env: {}, config, configDir: '/cfg' }),
  );

describe('resolveDiffInput', () => {
  it('no inputs is the demo; defaults: human reporter, fail on none, stop at invalid records', () => {
    expect(resolve({})).toEqual({
      inputs: { kind: 'demo' },
      failOn: 'none',
      reporter: 'human',
      skipInvalid: false,
    });
  });

  it('--json > --reporter > --format > config format; table is the human reporter', () => {
    const files = ['a.ndjson', 'b.ndjson'];
    expect(resolve({ json: true, reporter: 'markdown' }, files).reporter).toBe('json');
    expect(resolve({ reporter: 'markdown', format: 'json' }, files).reporter).toBe('markdown');
    expect(resolve({ format: 'json' }, files, { format: 'markdown' }).reporter).toBe('json');
    expect(resolve({}, files, { format: 'markdown' }).reporter).toBe('markdown');
    expect(resolve({}, files, { format: 'table' }).reporter).toBe('human');
    expect(resolve({ reporter: 'table' }, files).reporter).toBe('human');
  });

  it('map and rules: a flag stays relative to the cwd, config is relative to its folder', () => {
    const r = resolve({ map: 'm.yaml' }, ['-', 'b'], { map: 'x.yaml', rules: 'r.yaml' });
    expect(r).toMatchObject({ map: 'm.yaml', rules: '/cfg/r.yaml' });
    expect(r.inputs).toEqual({ kind: 'files', v1: '-', v2: 'b' });
    expect(resolve({}, [], { failOn: 'moved' }).failOn).toBe('moved');
  });

  it('refuses one input, or stdin twice (exit 2)', () => {
    expect(() => resolve({}, ['a'])).toThrow(MESSAGES.diff.needBoth);
    expect(() => resolve({}, ['-', '-'])).toThrow(MESSAGES.diff.twoStdin);
  });
});
