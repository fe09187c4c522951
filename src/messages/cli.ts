/** What qwh says for `cli`. */
export const CLI_MESSAGES = {
  description:
    'Move a Qualifio account from webhook 1.0 to webhook 2.0 without losing a participation: plan, apply, hand off, verify, then cut over on evidence from real deliveries.',
  bugHeader: 'qwh hit an internal error. This is a bug in qwh, not in your files.',
  bugReport: 'Please report it with the command you ran and the trace above (secrets are masked).',
  interrupted: 'interrupted',
  outputClosed: 'output closed by its reader',
  unknownCommandHint: 'Run `qwh --help` for the list of commands.',
  usageHint: (cmd: string) => `Run \`qwh ${cmd} --help\` for its flags.`,
  needsTty: (flag: string) =>
    `cannot ask (no terminal, CI, or --no-input), and ${flag} was not given`,
  needsTtyHint: (flag: string) => `Pass ${flag}, or run qwh in a terminal.`,
} as const;
