/** What qwh says for `migrate`. */
import { IO_REASONS } from './io-reasons.js';

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
      'keep-v1': 'keep it on: --keep-v1',
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
  unfinishedHint: 'Run `qwh migrate resume` to finish it (or `qwh migrate rollback` to undo it).',
  unfinishedDryRun: 'an earlier run stopped part-way: `qwh migrate resume` finishes it',
  changedSincePlan: (file: string) => `${file} changed since it was planned; nothing written`,
  changedSincePlanHint: 'Run qwh migrate again to plan from the current file.',
  resumeChanged: (file: string) =>
    `${file} is neither the bytes the stopped run started from nor the bytes it wrote: someone changed it since`,
  resumeChangedHint:
    'Undo the run with `qwh migrate rollback --force`, or drop it with `qwh migrate resume --abandon` and plan again.',
  interruptedAfter: (step: string) => `interrupted after step "${step}"; the lock is released`,
  interruptedHint: 'Run `qwh migrate resume` to finish the run (1.0 is still on where it was).',
  finishingStep:
    'interrupt received: finishing the current step, then stopping (Ctrl-C again to quit now)',
  partialHint: 'Fix the cause above, then run `qwh migrate resume` to finish the run.',
  blocked: (n: number) => `the plan has ${n} blocker${n === 1 ? '' : 's'} (below); nothing written`,
  blockedHint:
    'Fix the account file, leave the webhook out with --only, or pass the flag named above.',
  confirm: (n: number, file: string) => `Apply ${n} change${n === 1 ? '' : 's'} to ${file}?`,
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
  secretFromEnv: (name: string) => `from environment variable ${name}`,
  twins: (n: number, list: string) =>
    n === 0 ? 'none to add' : `${n} twin${n === 1 ? '' : 's'}: ${list}`,
  then: (verify: boolean, disable: boolean) =>
    !verify
      ? 'no verification (--skip-verify): 1.0 stays on'
      : disable
        ? 'verify, then turn 1.0 off'
        : 'verify; 1.0 stays on (--keep-v1)',
  diffTitle: (n: number) =>
    `Changes to the file (${n} edit${n === 1 ? '' : 's'}; "enabled: false" is written only after verification):`,
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
  v1Off: (v1: string) => `1.0 ${v1} turned off`,
  v1On: (v1: string) => `1.0 ${v1} stays on`,
  failedCheck: (id: string, reason: string) => `${id}: ${reason}`,
  backupAt: (file: string) => `Backup: ${file}`,
  secretFiles: 'Secret files (0600, never printed):',
  secretFileState: { created: 'new', kept: 'existing, kept' },
  runbookWritten: (file: string, n: number) =>
    `Back office: ${n} step${n === 1 ? '' : 's'} written to ${file}`,
  runbookHint: (n: number) =>
    `Back office: ${n} step${n === 1 ? '' : 's'} to carry out; get them with --runbook FILE (or --json).`,
  next: 'Next:',
  nextApply: (file: string) => `qwh migrate ${file} --yes     # apply, verify, then turn 1.0 off`,
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
  rollbackNothingHint: 'Backups (<file>.qwh-bak-<time>) can still be copied back by hand.',
  rollbackChanged: (file: string, backup: string) =>
    `${file} changed since the run that ${backup} was taken before; rolling back would lose those changes`,
  rollbackChangedHint: 'Check the file; pass --force to restore the backup anyway.',
  backupChanged: (backup: string) => `${backup} does not have the bytes the journal recorded`,
  rollbackConfirm: (file: string, backup: string) =>
    `Restore ${file} from ${backup} (the current bytes are backed up first)?`,
  rolledBack: (file: string, backup: string) => `${file} restored byte for byte from ${backup}.`,
  rollbackSafety: (file: string) => `The bytes before the rollback are in ${file}.`,
  revertTitle: 'Revert in the back office:',
  revertNone: 'Nothing to revert in the back office (the run changed nothing there).',
  secretFilesLeft: (files: readonly string[]) => `Secret files left in place: ${files.join(', ')}`,
} as const;
