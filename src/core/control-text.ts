/**
 * Terminal safety: text from an account file, a receiver or a payload (account, website and
 * destination names, 1.0 ids, response snippets) must never drive the terminal. One function,
 * applied at the sink (every write to stdout and stderr, the spinner's text, every prompt, and
 * commander's own usage errors) and to the text files qwh writes (see `safeForFormat`): each control
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

/**
 * The format of a file qwh writes, which decides its one safety rule (`safeForFormat`): `text`
 * (a human report, the Markdown runbook, the step summary) and `code` (generated adapters, types,
 * the Artillery export: untrusted text only ever stands in their string literals, where `\uXXXX`
 * is an escape of the same character in JS, TS, Python, jq and YAML) get neutralizeControls;
 * `json` is safe as JSON.stringify writes it (C0 escaped; C1 and bidi characters are valid JSON
 * and parse to the same value); `xml` is escaped by its reporter (`escapeXml`).
 */
export type OutputFormat = 'text' | 'code' | 'json' | 'xml';

/** The text as it may be written to a file of that format. */
export function safeForFormat(text: string, format: OutputFormat): string {
  return format === 'text' || format === 'code' ? neutralizeControls(text) : text;
}

/**
 * A value from a payload or capture (a 1.0 id, a campaign or website label) as one line of human
 * output: its line breaks shown as `\u000a`. The sink keeps line breaks (qwh's own lines need
 * them), so a sender's id holding `\n::error::…` would otherwise start a line that GitHub Actions
 * reads as a workflow command. (Names in an account file are one line by its schema.)
 */
export function oneLine(text: string): string {
  return text.replace(/\n/g, '\\u000a');
}
