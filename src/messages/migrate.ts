/** What qwh says for `migrate`. */
import { IO_REASONS } from './io-reasons.js';

/** The staged cut-over: status, confirm, observe, the stage runbook. */
const CUTOVER_MESSAGES = {
  stageWords: {
    planned: 'planned: in the file; not yet in the back office',
    configured: 'configured: the admin set 2.0 up in the back office',
    'receiver-ready': 'receiver-ready: the receiver passed the check suite with its secret',
    delivering: 'delivering: real Qualifio 2.0 deliveries seen and verified',
    reconciled: 'reconciled: every 1.0 participation also arrived over 2.0',
    'v1-off': 'v1-off: the admin turned 1.0 off in the back office',
    'v1-deleted': 'v1-deleted: the admin deleted 1.0',
  },
  gates: {
    'not-configured': 'the 2.0 webhook is not confirmed configured in the back office',
    'receiver-not-ready': 'the receiver has not passed the check suite with its secret',
    'not-delivering': 'no real Qualifio 2.0 delivery has been seen and verified',
    'not-reconciled': 'the dual run is not reconciled',
    'v1-not-off': '1.0 is not confirmed off',
    'already-past': 'the webhook is past this step',
  },
  next: {
    'confirm-configured': (file: string, key: string) =>
      `qwh migrate runbook ${file}   # then: qwh migrate confirm ${file} configured --webhook ${key}`,
    verify: (file: string) => `qwh migrate ${file}   # verifies the receiver with its secret`,
    observe: (file: string) => `qwh migrate observe ${file} --captures <captures.ndjson>`,
    'confirm-v1-off': (file: string, key: string) =>
      `qwh migrate confirm ${file} v1-off --webhook ${key}   # after turning 1.0 off in the back office`,
    'confirm-v1-deleted': (file: string, key: string) =>
      `qwh migrate confirm ${file} v1-deleted --webhook ${key}   # after deleting 1.0 in the back office`,
    done: () => 'nothing: the cut-over is complete',
  },
  noStages: (file: string) => `${file}: no migrated webhook yet (no stages recorded)`,
  unbacked: (run: string, why: 'rolled-back' | 'file-not-written', file: string) =>
    why === 'rolled-back'
      ? `stages recorded by run ${run} are not shown: that run was rolled back (${file} is at its backup)`
      : `stages recorded by run ${run} are not shown: it stopped before ${file} said the same (run that confirm again to finish it)`,
  openRun: (run: string, command: string, file: string) =>
    `run ${run} (${command}) stopped part-way: \`qwh migrate resume ${file}\`${command === 'confirm' ? ', then the same confirm again' : ''}`,
  noStagesHint: (file: string) => `Run qwh migrate ${file} first.`,
  unknownWebhook: (key: string, known: string) =>
    `--webhook ${key}: not a migrated webhook 1.0 of the file (known: ${known || 'none'})`,
  refused: (step: string, key: string, gate: string) =>
    `confirm ${step} refused for ${key}: ${gate}`,
  lostItem: (id: string, campaign: string, website: string) =>
    `participation ${id} reached 1.0 but not 2.0 — campaign ${campaign}, website ${website}`,
  refusedHint: (next: string) => `Next: ${next}`,
  acceptGapHint:
    'To cut over anyway, say why: --accept-gap "reason" (journaled, and shown by status for ever after).',
  confirmAsk: (step: string, keys: readonly string[]) =>
    step === 'configured'
      ? `Did you configure Webhook 2.0 and its push rules in the back office for ${keys.join(', ')}, and hand the secret to the receiver team?`
      : step === 'v1-off'
        ? `Did you turn Webhook 1.0 off in the back office for ${keys.join(', ')}?`
        : `Did you delete Webhook 1.0 (and its push rules) in the back office for ${keys.join(', ')}?`,
  confirmed: (step: string, key: string, stages: readonly string[]) =>
    `${key}: ${step} confirmed${stages.length ? ` → ${stages.join(' → ')}` : ''}`,
  already: (step: string, key: string) => `${key}: ${step} was confirmed already; nothing to do`,
  fileMarked: (file: string, what: string) => `${file}: ${what}`,
  markedOff: (keys: readonly string[]) => `1.0 marked enabled: false (${keys.join(', ')})`,
  removedV1: (keys: readonly string[], rules: number) =>
    `1.0 webhook${keys.length === 1 ? '' : 's'} ${keys.join(', ')} and ${rules} push rule${rules === 1 ? '' : 's'} removed`,
  confirmNeedsStep: 'confirm needs the step you did: configured, v1-off or v1-deleted',
  confirmNeedsStepHint: 'qwh migrate confirm qualifio-account.yaml configured',
  acceptGapTooShort: '--accept-gap needs a reason of at least 3 characters',
  acceptGapOnlyV1Off: '--accept-gap only goes with confirm v1-off',
  statusTitle: (file: string) => `Cut-over status — ${file}`,
  gapAccepted: (reason: string, by: string, at: string) =>
    `gap accepted by ${by} at ${at}: ${reason}`,
  evidence: (e: {
    verified: number;
    lost: number;
    paired: number;
    v2Only: number;
    window: number;
    last?: string;
  }) =>
    `${e.verified} real 2.0 verified, ${e.paired} paired, ${e.lost} only in 1.0, ${e.v2Only} only in 2.0, window ${e.window} min${e.last ? `, last ${e.last}` : ''}`,
  noEvidence: 'no captures observed yet',
  observeTitle: (file: string) => `Observed deliveries — ${file}`,
  observeTally: (t: {
    read: number;
    tests: number;
    unattributed: number;
    beforeConfigured: number;
    bad: number;
    seenBefore?: number;
    simulated?: number;
  }) =>
    `${t.read} read: ${t.tests} qwh test deliveries left out, ${t.beforeConfigured} before "configured", ${t.unattributed} matched no webhook, ${t.bad} unreadable lines` +
    (t.seenBefore ? `, ${t.seenBefore} seen by an earlier observe (counted once)` : '') +
    (t.simulated ? `; ${t.simulated} from qwh simulate (counted as real)` : ''),
  badCapture: (where: string, why: string) => `${where}: ${why} (skipped)`,
  lostTitle: (n: number) => `would be LOST (${n}): delivered by 1.0, not by 2.0`,
  v2OnlyWhy: {
    incomplete: 'incomplete (1.0 never sent those)',
    'not-in-1.0': 'not in 1.0 (anonymous campaign, or a 1.0 capture missing)',
  },
  delay: (median: number, max: number) => `delay 1.0 → 2.0: median ${median} ms, max ${max} ms`,
  verifiedWithPrevious: (n: number) =>
    `${n} of them signed with the PREVIOUS secret (rotation window; Qualifio should move to the new one within 30 minutes)`,
  badSignature: (n: number) =>
    `${n} real 2.0 ${n === 1 ? 'delivery' : 'deliveries'} failed the signature check with the configured secret`,
  windowShort: (min: number, need: number) =>
    `window ${min} min since "configured" (reconciled needs ${need} min: incomplete participations are pushed 60 minutes after they start)`,
  noCaptures: 'observe needs --captures PATH (a capture file or folder; - for stdin)',
  noCapturesHint: 'Capture with: qwh listen --save captures.ndjson (docs/migrate.md "Captures").',
  emptyFolder: (shown: string) =>
    `${shown}: no capture file (.ndjson, .jsonl, .json) in the folder`,
  rbTitle: (key: string, stage: string) => `${key} — stage ${stage}`,
  rbHandOff: (file: string) =>
    `Hand \`${file}\` to the receiver team (secure channel; never by e-mail or chat)`,
  rbHandOffEnv: (name: string) =>
    `The receiver team must have the value of environment variable ${name}`,
  rbHostFrom: (masked: string, file: string, index: number) =>
    `${masked} — paste the full host from ${file} › webhooks[${index}].host (it carries a token)`,
  rbConfirmConfigured: (file: string, key: string) =>
    `Then run: qwh migrate confirm ${file} configured --webhook ${key}`,
  rbVerify: (file: string) =>
    `Run: qwh migrate ${file} (sends signed test deliveries to the receiver)`,
  rbKeepBoth:
    'Keep Webhook 1.0 and 2.0 both on; let real participations flow for at least 60 minutes',
  rbCapture:
    'Capture both versions’ deliveries (qwh listen --save, or the receiver’s logs in the capture format)',
  rbObserve: (file: string) => `Run: qwh migrate observe ${file} --captures <files>`,
  rbTurnOff: (v1: string) => `Turn Webhook 1.0 off: ${v1}`,
  rbConfirmOff: (file: string, key: string) =>
    `Then run: qwh migrate confirm ${file} v1-off --webhook ${key}`,
  rbDelete: (v1: string) => `Delete Webhook 1.0: ${v1}`,
  rbDeleteRule: (rule: string) => `Delete the push rule ${rule} (destination Webhook 1.0)`,
  rbConfirmDeleted: (file: string, key: string) =>
    `Then run: qwh migrate confirm ${file} v1-deleted --webhook ${key}`,
  rbDone: 'Nothing left: the cut-over is complete.',
  rbNoBackOffice: 'No back-office step at this stage.',
  revertNothingConfirmed:
    'Nothing was confirmed in the back office for these webhooks (stage "planned"): nothing to revert there unless you set 2.0 up without confirming.',
  recreateRule: (key: string) => `add it again (destination Webhook 1.0 ${key})`,
  recreateV1Title: 'Re-create Webhook 1.0 and its push rules (they were deleted)',
  recreateV1: (url: string) =>
    `URL: ${url} (the full URL, with its credentials, is in the restored account file)`,
  resumeConfirm:
    'the unfinished run was a "confirm": closed; run the same qwh migrate confirm again to finish it',
} as const;

export const MIGRATE_MESSAGES = {
  runbook: {
    header: (account: string) => `Back-office runbook — ${account}`,
    intro:
      'Qualifio has no API for webhooks or push rules: carry these steps out in the back office, in this order. Secrets are never written here: paste them from the files named.',
    // Menu paths themselves are in src/core/assumptions.ts (BACK_OFFICE).
    withWebsite: (path: string, scope: string) => `${path} (with ${scope} selected)`,
    addRule: (path: string, action: string) => `${path} › ${action}`,
    configureTitle: (scope: string) => `Configure Webhook 2.0 for ${scope}`,
    rulesTitle: 'Add the push rules to Webhook 2.0: a second rule beside each Webhook 1.0 rule',
    rulesNote:
      'Each rule below is a new rule with the same level, target and campaign mode as a Webhook 1.0 rule; keep the Webhook 1.0 rules as they are: both versions deliver side by side until 1.0 is off (receivers may see a participation twice: deduplicate on its id).',
    // Worded for SAME_TARGET_RULES_ALL_APPLY = false: a twin is a second destination on the rule.
    rulesTitleOneRule: 'Add Webhook 2.0 as a second destination of each Webhook 1.0 rule',
    rulesNoteOneRule:
      'Open each rule below and add Webhook 2.0 to its push destinations, keeping Webhook 1.0: both versions deliver side by side until 1.0 is off (receivers may see a participation twice: deduplicate on its id).',
    turnOffTitle: 'Turn Webhook 1.0 off',
    turnOffNote:
      'Only after Webhook 2.0 delivers: its push rules stay, so turning it back on is one switch.',
    keepOnTitle: 'Leave Webhook 1.0 on (for now)',
    keepOnReason: {
      'not-verified': 'keep it on: qwh has not verified its 2.0 twin yet',
      'keep-v1':
        'keep it on: both versions deliver side by side until the cut-over gate (qwh migrate status)',
      'until-reconciled':
        'keep it on: both versions deliver side by side until the cut-over gate (qwh migrate status)',
      'awaiting-hand-off':
        'keep it on: the receiver gets its secret first, then 2.0 is verified and observed',
      'skip-verify': 'keep it on: verification was skipped (--skip-verify)',
      'enabled-in-file': 'keep it on: it is still enabled in the account file',
    },
    fields: {
      name: 'Name',
      host: 'Host',
      incomplete: 'Incomplete participations',
      authName: 'Auth header name',
      authValue: 'Auth header value',
      secret: 'Secret',
    },
    yes: 'yes',
    no: 'no',
    noSecret: '(none: requests are not signed)',
    secretLiteral: '(written in the account file; masked here)',
    secretEnv: (name: string) => `the value of environment variable ${name}`,
    secretFile: (prefix: string, file: string) =>
      `${prefix}paste the content of ${file} (beside the account file)`,
    secretCacheNote:
      'Qualifio may keep using a changed secret for up to 30 minutes: wait before judging signature failures.',
    levels: {
      default: 'default',
      website: 'website',
      masterForm: 'Master Form',
      campaign: 'campaign',
    },
    wholeAccount: 'whole account',
    campaignMode: 'campaign mode',
    destinationV2: (name: string) => `destination: Webhook 2.0 (${name})`,
    destinationKey: (key: string) => `remove (destination ${key})`,
    turnOff: 'turn off',
    turnOn: 'turn back on',
    turnOffOrRemove: 'turn off (or remove its configuration)',
    revertEnableTitle: 'Turn Webhook 1.0 back on',
    revertEnableNote: 'First, so no participation is lost while 2.0 is taken down.',
    revertRulesTitle: 'Remove the push rules the run added',
    revertV2Title: 'Turn Webhook 2.0 off',
    revertV2Note: 'The secret files qwh wrote are left in place: a receiver may already use them.',
  },
  store: {
    lockHeld: (
      file: string,
      h: { pid: number; host: string; startedAt: string; command: string } | undefined,
    ) =>
      h
        ? `${file} is locked by "${h.command}" (pid ${h.pid} on ${h.host}, since ${h.startedAt})`
        : `${file} is locked by another qwh run`,
    lockHeldHint: (lock: string) =>
      `Wait for it to finish. If no qwh is running any more, delete ${lock} and run again.`,
    staleLock: (
      lock: string,
      h: { pid: number; host: string; startedAt: string; command: string },
    ) =>
      `taking over the lock ${lock} left by "${h.command}" (pid ${h.pid}, since ${h.startedAt}), which is no longer running`,
    symlink: (file: string) =>
      `${file} is a symbolic link; qwh replaces the file itself and will not write through a link`,
    symlinkHint: 'Run qwh on the real file the link points to.',
    notRegular: (file: string) => `${file} is not a regular file; qwh will not replace it`,
    outside: (rel: string) => `${rel} is outside the account file's folder; qwh will not write it`,
    secretNotRegular: (rel: string) => `${rel} exists and is not a regular file`,
    secretAdopted: (rel: string) =>
      `${rel} already existed and was not written by this run: kept as it is, so the new webhook uses that value. If this folder came from someone else, delete the file, roll back and run again`,
    secretMode: (rel: string, mode: number) =>
      `${rel} is readable by other users (mode ${mode.toString(8)}); run chmod 600 ${rel}`,
    journalCorrupt: (file: string, line: number, why: string) =>
      `${file}: line ${line} is ${why}; the journal cannot be trusted`,
    journalCorruptHint:
      'Look at the journal; if the last run finished, move the file aside and run again.',
    ioFailed: (what: string, code: string) =>
      `cannot write ${what}: ${IO_REASONS[code] ?? 'file-system error'} (${code})`,
    ioFailedHint:
      'qwh writes its lock, journal, backups and secret files beside the account file, and replaces the file atomically: the account file holds its old or its new bytes, never a mix. Free some space or make the folder writable, then run again.',
    stagesCorrupt: (file: string) =>
      `${file} is not a qwh stages document; the stages cannot be trusted`,
    observedCorrupt: (file: string) =>
      `${file} is not a qwh observe ledger; the evidence it holds cannot be trusted`,
    observedCorruptHint:
      'Move it aside and run qwh migrate observe again over every capture of the dual run.',
    observedTooBig: (file: string, entries: number, max: number) =>
      `${file} would hold ${entries} deliveries, over its ${Math.round(max / 1024 / 1024)} MiB bound; nothing was recorded by this run`,
    observedTooBigHint:
      'Observe a shorter window of captures (the latest days of the dual run), or move the ledger aside and start the evidence over.',
    stagesCorruptHint:
      'Restore it from version control or a backup; qwh never writes a half document (it replaces the file atomically).',
    folderReadOnly: (dir: string, code: string) =>
      `cannot write in ${dir}: ${IO_REASONS[code] ?? 'file-system error'} (${code}); nothing was changed`,
  },
  noAccountFile: (names: readonly string[]) =>
    `several account files here (${names.join(', ')}); which one?`,
  noAccountFileHint: 'Pass the account file as the argument: qwh migrate qualifio-account.yaml',
  pickAccountFile: 'Which account file?',
  unknownOnly: (keys: string, known: string) =>
    `--only ${keys}: not an enabled webhook 1.0 of the file (known: ${known || 'none'})`,
  pickWebhooks: 'Which webhooks 1.0 should move to 2.0?',
  pickNone: 'no webhook selected: nothing to do',
  askQueryToken: (keys: string) =>
    `The URL of ${keys} carries a token in its query string. Where should 2.0 send it?`,
  queryTokenKeep: 'keep it in the host (receiver unchanged)',
  queryTokenMove: 'move it to "Authorization: Bearer …" (the receiver must read it there)',
  planAndPlanOut: '--plan and --plan-out cannot be used together',
  planFixesOptions: (flags: string) =>
    `--plan replays the options saved in the plan; drop ${flags}`,
  planUnreadable: (file: string, why: string) => `${file}: not a qwh migration plan (${why})`,
  planUnreadableHint: 'Make a plan with: qwh migrate FILE --plan-out plan.json',
  planStale: (plan: string, file: string) =>
    `${plan} was made from other bytes of ${file}: the file changed since the plan`,
  planStaleHint: 'Make a new plan (qwh migrate FILE --plan-out plan.json) and review it.',
  planMismatch: (plan: string) =>
    `${plan} does not match what this qwh plans from the same file and options (edited, or made by another qwh version)`,
  planSaved: (file: string) => `Plan saved to ${file} (no secrets in it).`,
  unfinished: (file: string, at: string) =>
    `an earlier run on ${file} (started ${at}) stopped part-way; its journal is unfinished`,
  unfinishedHint: (file: string) =>
    `Run \`qwh migrate resume ${file}\` to finish it (or \`qwh migrate rollback ${file}\` to undo it).`,
  unfinishedDryRun: (file: string) =>
    `an earlier run stopped part-way: \`qwh migrate resume ${file}\` finishes it`,
  changedSincePlan: (file: string) => `${file} changed since it was planned; nothing written`,
  changedSincePlanHint: 'Run qwh migrate again to plan from the current file.',
  resumeChanged: (file: string) =>
    `${file} is neither the bytes the stopped run started from nor the bytes it wrote: someone changed it since`,
  resumeChangedHint:
    'Undo the run with `qwh migrate rollback --force`, or drop it with `qwh migrate resume --abandon` and plan again.',
  interruptedAfter: (step: string) => `interrupted after step "${step}"; the lock is released`,
  interruptedHint: (file: string) =>
    `Run \`qwh migrate resume ${file}\` to finish the run (1.0 is still on where it was).`,
  finishingStep:
    'interrupt received: finishing the current step, then stopping (Ctrl-C again to quit now)',
  partialHint: (file: string) =>
    `Fix the cause above, then run \`qwh migrate resume ${file}\` to finish the run.`,
  blocked: (n: number) => `the plan has ${n} blocker${n === 1 ? '' : 's'}; nothing written`,
  blockedDryRun: (n: number, file: string) =>
    `The plan has ${n} blocker${n === 1 ? '' : 's'}: \`qwh migrate ${file} --yes\` would refuse it (exit 4) until ${n === 1 ? 'it is' : 'they are'} fixed.`,
  blockerLine: (webhook: string, path: string, message: string) =>
    `${webhook} › ${path}: ${message}`,
  nextFixBlocker: (webhook: string, action: string) => `${webhook}: ${action}`,
  nextDryRunAgain: (file: string) =>
    `then: qwh migrate ${file} --dry-run     # shows the plan again; --fail-on-blockers exits 4 while one is left`,
  blockedHint:
    'Fix the account file, leave the webhook out with --only, or pass the flag named above.',
  editOverBounds: (problem: string) =>
    `the migrated account file would hold ${problem}, over the bounds qwh reads an account file under: no later run (resume, status, rollback) could read it back; nothing was changed`,
  editOverBoundsHint:
    'Split the account file (one file per group of websites), or migrate fewer webhooks with --only.',
  confirm: (n: number, file: string) => `Apply ${n} change${n === 1 ? '' : 's'} to ${file}?`,
  confirmChoice: {
    apply: 'Apply: write 2.0 and the rule twins (1.0 stays on)',
    details: 'Show the whole plan first (diffs, back-office steps)',
    cancel: 'Cancel: write nothing',
  },
  summary: {
    changes: (n: number, created: readonly string[], twins: number) =>
      `${n} change${n === 1 ? '' : 's'}: ${created.length} new 2.0 webhook${created.length === 1 ? '' : 's'}${created.length ? ` (${created.join(', ')})` : ''}, ${twins} push rule twin${twins === 1 ? '' : 's'}; 1.0 stays on`,
    handOff: (fresh: readonly string[], kept: readonly string[]) =>
      fresh.length + kept.length === 0
        ? 'hand-off: no secret file'
        : `hand-off: ${[fresh.length ? `new secret file${fresh.length === 1 ? '' : 's'} ${fresh.join(', ')}` : '', kept.length ? `kept ${kept.join(', ')}` : ''].filter(Boolean).join('; ')} → the receiver team`,
    needsHuman: (blockers: number, warnings: number) =>
      `blockers: ${blockers}; needs a human: ${warnings} warning${warnings === 1 ? '' : 's'}`,
    backOffice: (n: number) => `back office: ${n} step${n === 1 ? '' : 's'} after the write`,
    details: (file: string) =>
      `details: choose "Show the whole plan" below, or run qwh migrate ${file} --dry-run (or --verbose)`,
  },
  declined: 'Nothing written.',
  zeroChanges: (file: string) => `0 changes: ${file} is already migrated; nothing written.`,
  wroteV2: (file: string, webhooks: number, rules: number) =>
    `${file}: wrote ${webhooks} webhook${webhooks === 1 ? '' : 's'} 2.0 and ${rules} push rule twin${rules === 1 ? '' : 's'} (1.0 still on)`,
  verifying: (key: string) => `verifying webhook 2.0 ${key} with the test-endpoint check suite`,
  verified: (key: string) => `${key}: verified`,
  notVerified: (key: string, verdict: string, failed: readonly string[], error?: string) =>
    `${key}: not verified (${verdict}${failed.length ? `: ${failed.join(', ')}` : ''}${error ? `: ${error}` : ''}); 1.0 stays on`,
  disabledV1: (keys: readonly string[]) => `turned webhook 1.0 off: ${keys.join(', ')}`,
  planTitle: (file: string, account: string) => `Migration plan for ${file} — ${account}`,
  unitTitle: (v1: string, scope: string, v2: string, mode: 'create' | 'adopt') =>
    `1.0 ${v1} (${scope}) → 2.0 ${v2}${mode === 'create' ? ' (new)' : ' (already in the file)'}`,
  authBasic: (file: string) => `Authorization: Basic •••• (from the URL credentials) → ${file}`,
  authBearer: (param: string, file: string) =>
    `Authorization: Bearer •••• (the "${param}" query token) → ${file}`,
  secretNew: (file: string) => `new, 32 random bytes (hex) → ${file} (0600)`,
  secretKept: (file: string, by?: { run: string; at: string }) =>
    `kept (file ${file} exists, ${by ? `created by run ${by.run} at ${by.at}` : 'not created by qwh'}; apply does not replace it)`,
  secretFromEnv: (name: string) => `from environment variable ${name}`,
  twins: (n: number, list: string) =>
    n === 0 ? 'none to add' : `${n} twin${n === 1 ? '' : 's'}: ${list}`,
  then: (verify: boolean, _disable: boolean) =>
    !verify
      ? 'no verification (--skip-verify); 1.0 stays on'
      : 'verify once the receiver has the secret; 1.0 stays on until the cut-over gate',
  diffTitle: (n: number) =>
    `Changes to the file (${n} edit${n === 1 ? '' : 's'}; 1.0 stays as it is: it is marked off only by \`qwh migrate confirm v1-off\`):`,
  routingTitle:
    'Routing — where each participation goes today (1.0) and after the plan (2.0), as `qwh routes --plan` shows it:',
  needsHumanTitle: (n: number) => `Needs a human (${n}):`,
  blocker: 'blocker',
  skippedTitle: 'Left alone:',
  skippedReason: {
    disabled: 'disabled',
    'not-selected': 'not selected (--only)',
    'existing-v2-differs': 'another 2.0 webhook is at its scope (see above)',
    migrated: 'already migrated',
  },
  dryRun: 'Dry run: nothing written.',
  resultTitle: 'Result',
  unitVerified: (v2: string, n: { pass: number; warn: number; skip: number }) =>
    `${v2} verified (${[`${n.pass} passed`, n.warn ? `${n.warn} warned` : '', n.skip ? `${n.skip} skipped` : ''].filter(Boolean).join(', ')})`,
  unitVerifiedJournal: (v2: string) => `${v2} verified earlier in this run (journal)`,
  unitFailed: (v2: string, verdict: string) => `${v2} not verified (${verdict})`,
  unitSkipped: (v2: string) => `${v2} not verified (--skip-verify)`,
  unitAwaitingHandOff: (v2: string) =>
    `${v2} not verified yet: its receiver cannot know the new secret before the hand-off (verified by the next qwh migrate, after confirm configured)`,
  handOffTitle: 'Hand-off — do this now (nothing has changed in Qualifio yet):',
  handOffFile: (file: string) =>
    `give ${file} to the receiver team (a secure channel; qwh never prints it)`,
  handOffSteps: 'Then carry out these back-office steps:',
  nextConfirmConfigured: (file: string) =>
    `qwh migrate confirm ${file} configured   # once the steps above are done in the back office`,
  nextStatus: (file: string) => `qwh migrate status ${file}`,
  v1Off: (v1: string) => `1.0 ${v1} turned off`,
  v1On: (v1: string) => `1.0 ${v1} stays on`,
  failedCheck: (id: string, reason: string) => `${id}: ${reason}`,
  backupAt: (file: string) => `Backup: ${file}`,
  secretFiles: 'Secret files (0600, never printed):',
  secretFileState: { created: 'new', kept: 'existing, kept' },
  runbookNotWritten: (why: string, accountFile: string, out: string) =>
    `${why}; the migration itself is done — write the runbook again with: qwh migrate runbook ${accountFile} > ${out}`,
  runbookWritten: (file: string, n: number) =>
    `Back office: ${n} step${n === 1 ? '' : 's'} written to ${file}`,
  runbookHint: (n: number) =>
    `Back office: ${n} step${n === 1 ? '' : 's'} to carry out; get them with --runbook FILE (or --json).`,
  next: 'Next:',
  nextApply: (file: string) =>
    `qwh migrate ${file} --yes     # write 2.0 and the rule twins; 1.0 stays on`,
  nextPlan: (file: string, plan: string) => `qwh migrate ${file} --plan ${plan} --yes`,
  nextFix: (file: string, v2: string) =>
    `fix the receiver (qwh test-endpoint --account ${file} --webhook ${v2}), then: qwh migrate ${file}`,
  nextVerifyLater: (file: string) => `qwh migrate ${file}     # verifies, then turns 1.0 off`,
  nextDone: (file: string) =>
    `carry out the back-office steps, then: qwh check ${file}   (undo: qwh migrate rollback ${file})`,
  nextResume: (file: string) => `qwh migrate resume ${file}`,
  resumeNothing: (file: string) => `${file}: no unfinished run to resume.`,
  resumeAbandoned: (run: string) =>
    `run ${run} marked abandoned; the file is left as it is (qwh migrate rollback undoes it).`,
  resumeTitle: (run: string) => `Resuming run ${run}`,
  rollbackNothing: (file: string) => `${file}: no run to roll back (the journal records none)`,
  rollbackNothingHint:
    'Backups (qwh migrate backups FILE lists them) can still be copied back by hand.',
  rollbackChanged: (file: string, backup: string) =>
    `${file} changed since the run that ${backup} was taken before; rolling back would lose those changes`,
  rollbackChangedHint: 'Check the file; pass --force to restore the backup anyway.',
  backupChanged: (backup: string) => `${backup} does not have the bytes the journal recorded`,
  rollbackConfirm: (file: string, backup: string) =>
    `Restore ${file} from ${backup} (the current bytes are backed up first)?`,
  rolledBack: (file: string, backup: string) => `${file} restored byte for byte from ${backup}.`,
  rollbackEarlier: (file: string, run: string) =>
    `An earlier run (${run}) also changed ${file}; it is still in effect. Another \`qwh migrate rollback ${file}\` undoes that one.`,
  rollbackSafety: (file: string) => `The bytes before the rollback are in ${file}.`,
  revertTitle: 'Revert in the back office:',
  revertNone: 'Nothing to revert in the back office (the run changed nothing there).',
  secretFilesLeft: (files: readonly string[]) => `Secret files left in place: ${files.join(', ')}`,
  cutover: CUTOVER_MESSAGES,
  backups: {
    title: (file: string, n: number) =>
      `${file}: ${n} backup${n === 1 ? '' : 's'}, newest first (they may hold credentials: 0600)`,
    none: (file: string) => `${file}: no backups.`,
    header: ['time (UTC)', 'size', 'made by', 'backup', ''] as const,
    unknownRun: '(not in the journal)',
    oldLocation: 'old location',
    needed: 'rollback needs it',
    oldHint: (file: string) =>
      `Backups in the old location sit beside the file; \`qwh migrate backups ${file} --prune\` deletes the old ones (rollback still reads them).`,
    pruneConfirm: (n: number, total: number, keep: number) =>
      `Delete ${n} of ${total} backups (keeping the newest ${keep} and the one rollback needs)?`,
    pruned: (n: number, kept: number) => `Deleted ${n} backup${n === 1 ? '' : 's'}; ${kept} kept.`,
    nothingToPrune: (keep: number) =>
      `Nothing to prune: at most ${keep} backups, or rollback needs them.`,
  },
} as const;
