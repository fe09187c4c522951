/** What qwh says for `input`. */
export const INPUT_MESSAGES = {
  notFound: (file: string) => `${file}: no such file`,
  notFoundHint: 'Check the path, or run `qwh init` to write an account file.',
  pathHint: 'Check the path (a relative path starts in the working folder).',
  notRegular: (file: string, kind: string) => `${file}: is a ${kind}, not a regular file`,
  notReplaceable: (file: string, kind: string) =>
    `${file} is a ${kind}; qwh replaces regular files only and never writes through a link`,
  notRegularHint: 'Give the path of a JSON or YAML file.',
  tooLarge: (file: string, bytes: number, max: number) =>
    `${file}: ${bytes} bytes is over the ${max}-byte limit for this kind of file`,
  tooLargeHint: 'An account or config file is a few kilobytes; check that this is the right file.',
  unreadable: (file: string, reason: string) => `${file}: cannot read (${reason})`,
  unwritable: (file: string, reason: string) => `${file}: cannot write (${reason})`,
  unwritableHint:
    'Give a path in a folder you can write to (missing folders are created); nothing was done.',
  notAFolder: (dir: string) => `${dir} is not a folder`,
  utf16: (file: string) => `${file}: is UTF-16 text; qwh reads UTF-8`,
  utf16Hint: 'Save the file as UTF-8 (without BOM) and run again.',
  invalidUtf8: (file: string, offset: number) => `${file}: invalid UTF-8 at byte ${offset}`,
  invalidUtf8Hint: 'Save the file as UTF-8 and run again.',
  badPercent: (part: string) =>
    `bad percent-encoding in the URL's ${part} (a "%" not followed by two hex digits, or an escape that is not UTF-8): qwh could neither mask it nor send it faithfully`,
  badPercentHint: 'Write the character itself, or a literal "%" as %25, and run again.',
  caNotPem: (file: string) =>
    `--ca-file ${file}: not a PEM certificate file (no valid BEGIN CERTIFICATE block)`,
  caNotPemHint: 'Give the CA certificate in PEM form (openssl x509 -in CERT -outform PEM).',
  invalidHint: 'Fix the fields above and run again; `qwh check FILE` lists every problem.',
} as const;
