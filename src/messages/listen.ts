/** What qwh says for `listen`. */
export const LISTEN_MESSAGES = {
  ready: (url: string) => `qwh listen: ready at ${url}`,
  readyHint: 'POST deliveries here; Ctrl-C stops (exit 0).',
  noSecret: 'no secret set: signatures are NOT checked (use --secret-env or --secret-file)',
  notLoopback: (host: string) =>
    `listening on ${host}, reachable from other machines: set a secret and an auth header`,
  stopped: (received: number, accepted: number, duplicates: number, rejected: number) =>
    `stopped: ${received} received, ${accepted} accepted, ${duplicates} duplicate${duplicates === 1 ? '' : 's'}, ${rejected} rejected`,
  saved: (n: number, file: string) => `${n} deliver${n === 1 ? 'y' : 'ies'} appended to ${file}`,
  reasons: {
    notSaved: (code: string) =>
      `could not be stored in --save (${code}): not acknowledged, so the sender retries`,
    accepted: 'accepted',
    acceptedWithWarnings: (n: number) =>
      `accepted, with ${n} model warning${n === 1 ? '' : 's'} (qwh's reading of the 2.0 schema, not a documented rule)`,
    modelWarning: (path: string, problem: string) => `${path}: ${problem}`,
    duplicate: 'duplicate (already accepted; dedupe on id)',
    authMissing: (name: string) => `missing ${name} header`,
    authWrong: (name: string) => `wrong ${name} value`,
    signature: (reason: string, detail: string) => `bad signature (${reason}): ${detail}`,
    notJson: 'body is not JSON',
    notParticipation: (problem: string) => `body is not a 2.0 participation: ${problem}`,
    structure: (problem: string) => `body is not a usable payload: ${problem}`,
    notV1: 'body is not a flat 1.0 payload',
    noId: 'body has no participation id',
    tooLarge: (max: number) => `body over ${max} bytes`,
    method: 'only POST is accepted',
    aborted: 'client went away before the body ended',
  },
  index: 'qwh listen: POST webhook deliveries to this URL.\n',
  cannotListen: (host: string, port: number, code: string) =>
    `cannot listen on ${host}:${port} (${code})`,
  cannotListenHint: 'Pick another --port (0 = any free port) or --host.',
  saveUnwritable: (file: string, code: string) =>
    `--save ${file}: cannot open for appending (${code})`,
  relay: {
    ready: (url: string, to: string) => `relaying ${url} → ${to}`,
    readyHint:
      'Every delivery is forwarded as it came, whatever qwh judged of it (the receiver judges it too); 502/504 when the receiver does not answer.',
    failed: (why: string) => `qwh relay: the receiver did not answer: ${why}`,
    redirected: (status: number) =>
      `qwh relay: the receiver answered ${status} (a redirect, never followed: a failed delivery)`,
    forwarded: (status: number) => `→ ${status}`,
    notForwarded: (why: string) => `→ no answer: ${why}`,
    credentialsInUrl: (url: string) =>
      `--forward-to ${url}: credentials in the URL are refused; the sender's own auth header is forwarded`,
    credentialsHint:
      'Give the URL without user:password@; the relay forwards every header it receives.',
    caWithoutForward:
      '--ca-file is for the receiver behind --forward-to; listen itself serves plain HTTP',
    caWithoutForwardHint:
      'Example: qwh listen --forward-to https://crm.internal/hook --ca-file ca.pem',
    secretMatched: (which: 'current' | 'previous') =>
      which === 'previous' ? 'signed with the PREVIOUS secret' : '',
  },
  previousSecret: (n: number) =>
    `previous secret set: signatures made with it are accepted too (Qualifio may use it for ${n} minutes after a change)`,
} as const;
