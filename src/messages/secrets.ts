/** What qwh says for `secrets`. */
export const SECRETS_MESSAGES = {
  envMissing: (name: string) => `environment variable ${name} is not set or empty`,
  envMissingHint: (name: string) =>
    `Export it first: export ${name}=…  (qwh never takes secrets as arguments)`,
  fileMissing: (file: string) => `secret file ${file} cannot be read`,
  fileMissingHint: 'Check the path (relative paths are resolved from the account or config file).',
  fileEmpty: (file: string) => `secret file ${file} is empty`,
  oneSource: (what: string) => `give ${what} from one source only`,
} as const;
