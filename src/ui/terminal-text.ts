/**
 * Terminal safety: text from an account file, a receiver or a payload (account, website and
 * destination names, 1.0 ids, response snippets) must never drive the terminal. One function,
 * applied at the sink (every write to stdout and stderr, and the spinner's text): each control
 * character — C0 but tab and newline (so CR and BEL too), DEL, C1 (0x80–0x9f), bidirectional
 * overrides and isolates, zero-width and line/paragraph separators — is written as the visible
 * escape `\uXXXX`. That is also a JSON escape of the same character, so a `--json` document stays
 * valid and parses to exactly the same value (JSON.stringify already escapes C0; C1 and the
 * format characters it leaves raw come out escaped). When the output is coloured, qwh's own
 * styles — exactly the SGR sequences chalk writes for bold, dim, red, green, yellow, cyan and
 * their resets — are kept; any other escape sequence (cursor moves, erase, OSC titles and
 * hyperlinks, concealed text) is shown, not obeyed.
 */
const CONTROL =
  // eslint-disable-next-line no-control-regex -- the point of this pattern is control characters
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex -- qwh's own colours (chalk), kept when colour is on
const OWN_STYLE = /\u001b\[(?:1|2|22|31|32|33|36|39)m/y;

function visible(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text with every control character shown as `\uXXXX`; keepStyles keeps qwh's own colours. */
export function neutralizeControls(text: string, keepStyles = false): string {
  return text.replace(CONTROL, (ch, at: number) => {
    if (keepStyles && ch === '\u001b') {
      OWN_STYLE.lastIndex = at;
      if (OWN_STYLE.test(text)) return ch;
    }
    return visible(ch);
  });
}
