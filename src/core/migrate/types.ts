import type { PushRule, Scope } from '../account/schema.js';
import type { DocPath } from '../path.js';

/** Version of the saved-plan format (`--plan-out`); bumped when its meaning changes. */
export const PLAN_VERSION = 1;

/** How a query-string token of a 1.0 URL is carried into 2.0. */
export type QueryTokenMode = 'keep' | 'move';

/** Everything that shapes a plan. Saved with it, so `--plan F` replays exactly these. */
export interface PlanOptions {
  /** Environment variable holding the HMAC secret of every new 2.0 webhook; else a generated file. */
  secretEnv?: string;
  /** Push incomplete participations to 2.0 (1.0 never sent them). */
  incomplete: boolean;
  /** Never turn 1.0 off, even when its 2.0 twin verified. */
  keepV1: boolean;
  /** Do not verify the 2.0 endpoints (then 1.0 stays on). */
  skipVerify: boolean;
  /** Accept http:// hosts and hosts on private or loopback addresses. */
  allowInsecureHost: boolean;
  /** 1.0 webhook keys to migrate (sorted); undefined = every enabled one. */
  only?: string[];
  /** Query-string tokens: stay in the 2.0 host (default) or move into the auth header. */
  queryToken: QueryTokenMode;
}

/** A secret-valued field as it will be written: never a value, only where it lives. */
export type SecretLocation = { file: string } | { env: string };

/** Where the value of a secret file comes from when apply writes it. */
export type SecretFileSource =
  | { kind: 'random-hex'; bytes: number }
  | { kind: 'basic-from-url' }
  | { kind: 'bearer-from-query'; param: string };

/** A 0600 file apply writes beside the account file (relative to it). */
export interface PlannedSecretFile {
  file: string;
  purpose: 'hmac-secret' | 'auth-header';
  source: SecretFileSource;
}

/** A new 2.0 webhook, as planned (host masked: the real one is derived from the 1.0 URL at apply). */
export interface PlannedWebhookV2 {
  key: string;
  name: string;
  scope: Scope;
  /** For display only: credentials and token values masked. */
  host: string;
  /** Query-string parameters removed from the host (moved into the auth header). */
  dropQueryParams: string[];
  incompleteParticipations: boolean;
  authHeader?: { name: string; value: SecretLocation; scheme: 'Basic' | 'Bearer' };
  secret: SecretLocation;
}

/** A push rule to add right after the rule it twins. */
export interface PlannedRuleTwin {
  /** Index in pushRules of the 1.0 rule this one twins. */
  of: number;
  rule: PushRule;
}

/** What qwh cannot decide alone; blockers stop apply until a flag or the file says otherwise. */
export interface NeedsHuman {
  code:
    | 'query-token'
    | 'insecure-host'
    | 'private-host'
    | 'link-local-host'
    | 'existing-v2-differs'
    | 'unknown-target'
    | 'no-push-rules'
    | 'token-and-credentials'
    | 'routing-not-preserved';
  severity: 'blocker' | 'todo';
  /** The 1.0 webhook key concerned. */
  webhook: string;
  path: DocPath;
  message: string;
  action: string;
}

/** One 1.0 webhook's move: create (or adopt) its 2.0 twin, twin its rules, verify, turn it off. */
export interface PlanUnit {
  v1: { key: string; index: number; scope: Scope; scopeLabel: string; url: string };
  /** create: a new 2.0 webhook; adopt: a matching 2.0 webhook is already at this scope. */
  mode: 'create' | 'adopt';
  v2Key: string;
  create?: PlannedWebhookV2;
  twins: PlannedRuleTwin[];
  secretFiles: PlannedSecretFile[];
  verify: boolean;
  /** Turn 1.0 off once its twin verified (own step, last). */
  disableV1: boolean;
}

/** A 1.0 webhook the plan leaves alone, and why. */
export interface SkippedWebhook {
  key: string;
  reason: 'disabled' | 'not-selected' | 'existing-v2-differs' | 'migrated';
}

/** The pure, deterministic, secret-free result of planning (saved by --plan-out). */
export interface Plan {
  planVersion: typeof PLAN_VERSION;
  tool: 'qwh';
  /** Account file as the user named it. */
  file: string;
  format: 'json' | 'yaml';
  /** SHA-256 (hex) of the account file bytes the plan was made from. */
  sourceSha256: string;
  options: PlanOptions;
  units: PlanUnit[];
  skipped: SkippedWebhook[];
  needsHuman: NeedsHuman[];
  counts: { webhooks: number; ruleTwins: number; disables: number; secretFiles: number };
  /** Edits to the file if every step succeeds (0 = nothing to do). */
  changes: number;
  /** A blocker is present: apply refuses (exit 4) until it is resolved. */
  blocked: boolean;
}

/** A planned secret file that exists already: apply keeps it; who made it, when the journal knows. */
export interface KeptSecretFile {
  file: string;
  /** The run that created it (journal), if qwh did. */
  createdBy?: { run: string; at: string };
}
