/** What qwh says for `completion`. */
export const COMPLETION_MESSAGES = {
  unknownShell: (shell: string) => `no completion for "${shell}": choose bash, zsh or fish`,
  unknownShellHint: 'Example: qwh completion bash > ~/.local/share/bash-completion/completions/qwh',
} as const;
