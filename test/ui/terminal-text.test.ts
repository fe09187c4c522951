import { describe, expect, it } from 'vitest';
import { neutralizeControls } from '../../src/ui/terminal-text.js';

// Issue 17 #9: names and snippets from an account file or a receiver must never drive the terminal.

describe('neutralizeControls', () => {
  it.each([
    ['ESC (erase screen)', 'a\u001b[2Jb', 'a\\u001b[2Jb'],
    ['OSC title + BEL', '\u001b]0;pwned\u0007', '\\u001b]0;pwned\\u0007'],
    ['CR (overwrite the line)', 'ok\rFAIL', 'ok\\u000dFAIL'],
    ['C1 CSI', 'x\u009b31m', 'x\\u009b31m'],
    ['bidi override and isolate', 'a\u202eb\u2066c', 'a\\u202eb\\u2066c'],
    ['DEL, backspace', 'a\u007f\u0008', 'a\\u007f\\u0008'],
  ])('%s is shown, not obeyed', (_, input, shown) => {
    expect(neutralizeControls(input)).toBe(shown);
  });
  it('keeps newline and tab, and qwh’s own colours only when asked', () => {
    const own = '\u001b[31mred\u001b[39m\t\n';
    expect(neutralizeControls(own, true)).toBe(own);
    expect(neutralizeControls(own, false)).toBe('\\u001b[31mred\\u001b[39m\t\n');
    expect(neutralizeControls('\u001b[8mhidden', true)).toBe('\\u001b[8mhidden');
  });
  it('JSON stays JSON and parses to exactly the same value', () => {
    const value = { name: 'Acme\u001b]0;x\u0007\r\u009b\u202e\u2028end' };
    const text = neutralizeControls(JSON.stringify(value, null, 2));
    // eslint-disable-next-line no-control-regex -- asserting none is left
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
