/** What qwh says about an option value, wherever it came from (flag, environment, config). */
export const OPTIONS_MESSAGES = {
  badNumber: (where: string, v: string, min: number, max: number) =>
    `${where} must be a whole number from ${min} to ${max} (got "${v}")`,
  badChoice: (where: string, v: string, choices: readonly string[]) =>
    `${where} must be one of ${choices.join(', ')} (got "${v}")`,
  badText: (where: string) => `${where} must not be empty`,
  badEnvName: (where: string, v: string) =>
    `${where} must be an environment variable name (got "${v}")`,
  badBoolean: (where: string, v: string) => `${where} must be true or false (got "${v}")`,
  envHelp: (name: string) => `env ${name}`,
  configHelp: (key: string) => `config ${key}`,
} as const;
