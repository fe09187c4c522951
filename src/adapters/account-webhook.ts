import type { AccountWebhook } from '../core/endpoint/input.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { loadAccountFile } from './account-file.js';

/** The webhook `key` of an account file as test-endpoint sees it (secrets unread), and the file's folder. */
export async function loadAccountWebhook(
  file: string,
  cwd: string,
  key: string,
): Promise<{ webhook: AccountWebhook; dir: string; index: number; key: string }> {
  const loaded = await loadAccountFile(file, cwd);
  const index = loaded.account.webhooks.findIndex((w) => w.key === key);
  const hook = loaded.account.webhooks[index];
  if (!hook)
    throw new UserError(
      MESSAGES.endpoint.noWebhook(file, key),
      ExitCode.USAGE,
      MESSAGES.endpoint.noWebhookHint(loaded.account.webhooks.map((w) => w.key).join(', ')),
    );
  const webhook: AccountWebhook =
    hook.version === 1
      ? { url: hook.url, version: 1 }
      : {
          url: hook.host,
          version: 2,
          ...(hook.secret ? { secret: hook.secret } : {}),
          ...(hook.authHeader ? { authHeader: hook.authHeader } : {}),
        };
  return { webhook, dir: loaded.dir, index, key };
}
