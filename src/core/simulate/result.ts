import type { BackOfficeView } from './back-office.js';

/** Deliveries to one webhook: how many were sent and how they were answered. */
export interface WebhookTally {
  key: string;
  version: 1 | 2;
  url: string;
  sent: number;
  ok: number;
  /** Answers by status (`"200"`) or failure kind (`"refused"`). */
  answers: Record<string, number>;
}

/** What one simulate run did. */
export interface SimulateResult {
  seed: number;
  participations: number;
  incomplete: number;
  anonymous: number;
  /** Participations that reached no webhook. */
  notPushed: number;
  webhooks: WebhookTally[];
  absent: BackOfficeView['absent'];
  missing: string[];
  failed: number;
  unreachable: number;
  dryRun: boolean;
}
