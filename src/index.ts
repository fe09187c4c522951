/**
 * qwh as a library: `import { runTestEndpoint } from 'qwh'`. Each command is a function of its
 * resolved input and injected deps that returns its result; none prints, reads flags or ends the
 * process (that is src/cli's job). This file only re-exports: importing it has no side effects
 * (test/index.test.ts), and the logic stays in the services and core it names.
 */

// migrate: a pure plan, then an apply that does all the I/O through the injected store.
export { planMigration } from './core/migrate/plan.js';
export { applyMigration as runMigrate } from './services/migrate.js';
// test-endpoint: the check suite (or a burst) against one receiver.
export { runEndpointChecks as runTestEndpoint } from './services/endpoint-checks.js';
// diff-payload: 1.0 payloads against 2.0 payloads, streamed.
export { runDiffPayload } from './services/diff-payload.js';

// Inputs and results.
export type { PlanSource } from './core/migrate/plan.js';
export type {
  NeedsHuman,
  Plan,
  PlanOptions,
  PlanUnit,
  PlannedRuleTwin,
  PlannedSecretFile,
  PlannedWebhookV2,
  QueryTokenMode,
  SkippedWebhook,
} from './core/migrate/types.js';
export type {
  AccountSnapshot,
  ApplyResult,
  RollbackInfo,
  UnitResult,
  VerifyCheck,
  VerifyResult,
  VerifyTarget,
} from './core/migrate/results.js';
export type { MigrateDeps, MigrateStore, Verifier } from './services/migrate.js';
export type {
  EndpointPayload,
  EndpointProgress,
  EndpointReport,
  EndpointTarget,
  EndpointVerdict,
} from './core/endpoint/report.js';
export type { EndpointDeps } from './services/endpoint-checks.js';
export type { DiffPayloadDeps, DiffPayloadInput, DiffSource } from './services/diff-payload.js';
export type { DiffReport, DiffSample, InputSummary } from './core/diff/session.js';
export type { FailOn } from './core/diff/classify.js';
export type { AccountFile } from './core/account/schema.js';

// The ports the deps above are made of.
export type {
  Clock,
  Logger,
  PayloadEvent,
  Random,
  SendRequest,
  SendResult,
  Sender,
  SenderOptions,
  Spinner,
} from './contracts/index.js';
