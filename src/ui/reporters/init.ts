import type { ChalkInstance } from 'chalk';
import { maskInitUrl, type InitAccountData } from '../../core/account/init.js';
import { MESSAGES } from '../../messages/index.js';

/** What init wrote, for its `--json` document. */
export interface InitReport {
  file: string;
  format: 'yaml' | 'json';
  schemaRef?: string;
  /** The backup of the replaced file, relative to the working folder. */
  backup?: string;
  data: InitAccountData;
}

/** init's `--json` document: what was written, credentials masked. */
export function renderInitJson(r: InitReport): string {
  return (
    JSON.stringify(
      {
        file: r.file,
        format: r.format,
        schema: r.schemaRef ?? null,
        ...(r.backup !== undefined ? { backup: r.backup } : {}),
        account: r.data.account,
        webhooks: r.data.webhooks.map((w) => ({ ...w, url: maskInitUrl(w.url) })),
        pushRules: r.data.pushRules,
      },
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
