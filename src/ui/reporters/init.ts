import type { ChalkInstance } from 'chalk';
import type { InitInput } from '../../core/account/init-input.js';
import { maskInitUrl, type InitAccountData } from '../../core/account/init.js';
import { MESSAGES } from '../../messages/index.js';
import { versioned } from './json-document.js';

/** init's `--json` document: what was written (`backup`: relative to the working folder), credentials masked. */
export function renderInitJson(
  input: Pick<InitInput, 'out' | 'format' | 'schemaRef'>,
  data: InitAccountData,
  backup: string | undefined,
): string {
  return (
    JSON.stringify(
      versioned({
        file: input.out,
        format: input.format,
        schema: input.schemaRef ?? null,
        ...(backup !== undefined ? { backup } : {}),
        account: data.account,
        webhooks: data.webhooks.map((w) => ({ ...w, url: maskInitUrl(w.url) })),
        pushRules: data.pushRules,
      }),
      null,
      2,
    ) + '\n'
  );
}

/** The preview the dialogue shows before asking to write: the masked file between two rules. */
export function renderInitPreview(out: string, preview: string, c: ChalkInstance): string {
  const rule = c.dim('─'.repeat(40));
  return `\n${c.bold(MESSAGES.init.preview(out))}\n${rule}\n${preview}${rule}`;
}
