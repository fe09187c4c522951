import type { ChalkInstance } from 'chalk';
import type { BackupRow } from '../../core/migrate/backups.js';
import { MESSAGES } from '../../messages/index.js';
import { renderTable } from '../table.js';
import { versioned } from './json-document.js';

const B = MESSAGES.migrate.backups;

/** What `qwh migrate backups` found, and what `--prune` deleted. */
export interface BackupsView {
  file: string;
  rows: BackupRow[];
  pruned?: BackupRow[];
  keep: number;
}

function size(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} kB`;
}

const human = (v: BackupsView, c: ChalkInstance): string => {
  const gone = new Set((v.pruned ?? []).map((r) => r.path));
  const rows = v.rows.filter((r) => !gone.has(r.path));
  const lines: string[] = [];
  if (v.pruned !== undefined)
    lines.push(
      v.pruned.length > 0 ? B.pruned(v.pruned.length, rows.length) : B.nothingToPrune(v.keep),
    );
  if (rows.length === 0) lines.push(B.none(v.file));
  else {
    lines.push(c.bold(B.title(v.file, rows.length)));
    const table = rows.map((r) => [
      r.time.replace('T', ' '),
      size(r.size),
      r.run ? `${r.madeBy ?? '?'} ${r.run}` : B.unknownRun,
      r.path,
      [r.oldLocation ? c.yellow(B.oldLocation) : '', r.needed ? B.needed : '']
        .filter(Boolean)
        .join(', '),
    ]);
    lines.push(renderTable(table, { header: [...B.header] }));
    if (rows.some((r) => r.oldLocation)) lines.push(B.oldHint(v.file));
  }
  return lines.join('\n') + '\n';
};

const json = (v: BackupsView): string =>
  JSON.stringify(
    versioned({ file: v.file, backups: v.rows, pruned: (v.pruned ?? []).map((r) => r.path) }),
    null,
    2,
  ) + '\n';

/** The backups command's reporters: `--json` picks `json`. */
export const MIGRATE_BACKUPS_REPORTERS = { human, json } as const;
