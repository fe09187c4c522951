/** What qwh says for `check`. */
export const CHECK_MESSAGES = {
  valid: (file: string) => `${file} is a valid account file.`,
  invalid: (file: string, n: number) => `${file}: ${n} problem${n === 1 ? '' : 's'} found`,
  noWebhooks: 'No webhooks.',
  forbiddenHost: (why: string) =>
    `the host is ${why}: qwh never sends there (the plan blocks it, test-endpoint refuses it), whatever --allow-insecure-host says`,
  noRules: 'No push rules.',
  otherIntegration: 'another integration (left alone)',
  exclusion: 'exclusion (no push)',
  nextStep: (file: string) => `Next: qwh migrate ${file} --dry-run`,
  noAccountFile:
    'no account file given, none set as `account` in qwh.config.*, and no ./qualifio-account.{yaml,yml,json}',
  noAccountFileHint: (command: string) =>
    `Pass the path (qwh ${command} accounts/acme.yaml) or run \`qwh init\` to write one.`,
} as const;
