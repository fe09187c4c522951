import { createHmac } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { captureRecordOf } from '../../src/core/migrate/captures.js';
import { tempDir } from './bin.js';
import { startTestReceiver, type TestReceiver } from './migrate-receiver.js';

// The account and the captures the staged cut-over tests share (e2e/migrate-cutover,
// e2e/simulate-cutover, reliability/migrate-stage-kills): Acme Media with one account-level 1.0
// webhook `main` behind Basic credentials, and the campaign "Winter contest" (99888) on Acme Sport.

export interface CutoverAccount {
  port: number | string;
  /** The password in the 1.0 URL's credentials. */
  pass: string;
  /** Acme News (1234) beside Acme Sport (1235). */
  news?: boolean;
  /** A campaign-level rule for 99888 beside the default rule. */
  campaignRule?: boolean;
  /** Write `enabled: true` on the 1.0 webhook (the default when absent). */
  enabledLine?: boolean;
}

export function cutoverAccountYaml(a: CutoverAccount): string {
  return `version: 1
account: { id: 4321, name: Acme Media }
websites:
${a.news ? '  - { id: 1234, name: Acme News }\n' : ''}  - { id: 1235, name: Acme Sport }
campaigns:
  - { id: 99888, name: Winter contest, websiteId: 1235 }
webhooks:
  - key: main
    version: 1
    scope: account
    url: http://acme:${a.pass}@127.0.0.1:${a.port}/main
${a.enabledLine ? '    enabled: true\n' : ''}pushRules:
  - { level: default, destination: main }
${a.campaignRule ? '  - { level: campaign, target: 99888, destination: main }\n' : ''}`;
}

/** Basic credentials of the 1.0 URL's user `acme`, as the 2.0 auth header carries them. */
export const basicOf = (pass: string): string =>
  `Basic ${Buffer.from(`acme:${pass}`).toString('base64')}`;

export interface CaptureOf {
  version: 1 | 2;
  id: string;
  at: Date;
  /** The 2.0 HMAC secret. */
  secret: string;
  /** The 2.0 Authorization header value. */
  basic: string;
  campaign?: number;
  /** Names and a pretty-printed 2.0 body, as Qualifio's; ids only otherwise. */
  full?: boolean;
}

/** One capture line as `qwh listen --save` writes it; 2.0 bodies signed with the secret. */
export function captureLine(c: CaptureOf): string {
  const campaign = c.campaign ?? 99888;
  const body =
    c.version === 1
      ? JSON.stringify({
          participation_id: c.id.toLowerCase(),
          campaign_id: String(campaign),
          ...(c.full ? { campaign_title: 'Winter contest' } : {}),
          website_id: '1235',
          ...(c.full ? { website_name: 'Acme Sport' } : {}),
        })
      : JSON.stringify(
          {
            id: c.id,
            state: 'COMPLETED',
            campaign: { id: campaign, name: 'Winter contest', channel: { website: { id: 1235 } } },
          },
          null,
          c.full ? 4 : undefined,
        );
  const sig = `sha256=${createHmac('sha256', c.secret).update(body).digest('hex')}`;
  return (
    JSON.stringify(
      captureRecordOf({
        at: c.at,
        method: 'POST',
        path: '/main',
        version: c.version,
        headers: {
          'content-type': 'application/json',
          ...(c.version === 2 ? { 'x-qualifio-signature': sig, authorization: c.basic } : {}),
        },
        ...(c.version === 2 ? { authHeader: { name: 'Authorization', matched: true } } : {}),
        body: Buffer.from(body),
      }),
    ) + '\n'
  );
}

/** [key, enabled] of each 1.0 webhook in an account file's text. */
export const v1StateOf = (text: string): unknown =>
  (parse(text) as { webhooks: Array<Record<string, unknown>> }).webhooks
    .filter((w) => w.version === 1)
    .map((w) => [w.key, w.enabled]);

export interface CutoverFolder {
  dir: string;
  receiver: TestReceiver;
  cleanup: () => Promise<void>;
}

/**
 * A temp folder holding the account file (written as `file`) and `receiver.secret`, with a test
 * receiver on 127.0.0.1 whose `/main` checks the 2.0 signature with that secret and the Basic
 * credentials of the 1.0 URL.
 */
export async function cutoverFolder(
  prefix: string,
  o: { file: string; secret: string; account: Omit<CutoverAccount, 'port'> },
): Promise<CutoverFolder> {
  const t = await tempDir(prefix);
  await writeFile(join(t.dir, 'receiver.secret'), o.secret);
  const receiver = await startTestReceiver({
    '/main': {
      secretFile: () => join(t.dir, 'receiver.secret'),
      authorization: basicOf(o.account.pass),
    },
  });
  await writeFile(join(t.dir, o.file), cutoverAccountYaml({ ...o.account, port: receiver.port }));
  return {
    dir: t.dir,
    receiver,
    cleanup: async () => {
      await receiver.close();
      await t.cleanup();
    },
  };
}
