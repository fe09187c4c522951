import type { AccountFile } from '../account/schema.js';
import type { CampaignKind, ParticipationContext } from './route.js';

/** What a routes row stands for: a known target of the file, or "any other campaign". */
export type RouteTarget =
  | { level: 'website'; id: number; name: string; kind: CampaignKind }
  | { level: 'masterForm'; id: number; name: string; kind: 'identified' }
  | { level: 'campaign'; id: number; name: string; kind: CampaignKind; websiteId?: number }
  | { level: 'other'; kind: CampaignKind };

/** One row to route: the target and the participation context that stands for it. */
export interface TargetRow {
  target: RouteTarget;
  context: ParticipationContext;
}

const KINDS: readonly CampaignKind[] = ['identified', 'anonymous'];

/**
 * Every known target of the file, each in the campaign kinds it can have: each website (a
 * campaign of it with no rule of its own) in both kinds, each Master Form (identified: a Master
 * Form is a form), each campaign (both kinds unless it uses a Master Form: the file does not
 * say whether a campaign is anonymous), then "any other campaign" in both kinds. Linear.
 */
export function routeTargets(account: AccountFile): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const w of account.websites ?? [])
    for (const kind of KINDS)
      rows.push({
        target: { level: 'website', id: w.id, name: w.name, kind },
        context: { websiteId: w.id, kind },
      });
  for (const m of account.masterForms ?? [])
    rows.push({
      target: { level: 'masterForm', id: m.id, name: m.name, kind: 'identified' },
      context: { masterFormId: m.id, kind: 'identified' },
    });
  for (const c of account.campaigns ?? []) {
    const kinds: readonly CampaignKind[] = c.masterFormId !== undefined ? ['identified'] : KINDS;
    for (const kind of kinds)
      rows.push({
        target: {
          level: 'campaign',
          id: c.id,
          name: c.name,
          kind,
          ...(c.websiteId !== undefined ? { websiteId: c.websiteId } : {}),
        },
        context: {
          campaignId: c.id,
          ...(c.websiteId !== undefined ? { websiteId: c.websiteId } : {}),
          ...(c.masterFormId !== undefined ? { masterFormId: c.masterFormId } : {}),
          kind,
        },
      });
  }
  for (const kind of KINDS) rows.push({ target: { level: 'other', kind }, context: { kind } });
  return rows;
}
