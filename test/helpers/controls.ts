/**
 * Anything that can drive a terminal: C0 but tab/newline, DEL, C1, bidi overrides/isolates. The
 * output scans (reliability/terminal-output, reliability/secret-output) expect none of it raw.
 */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
