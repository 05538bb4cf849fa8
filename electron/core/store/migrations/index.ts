import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../errors.ts';
import { migration001 } from './001-initial.ts';
import { migration002 } from './002-media.ts';
import { migration003 } from './003-audit-lookup.ts';
import { migration004 } from './004-blind-coding.ts';
import { migration005 } from './005-final-segment-and-lead-use.ts';
import { migration006 } from './006-played-spans.ts';
import { migration007 } from './007-lab.ts';
import { migration008 } from './008-coding-kind.ts';
import { migration009 } from './009-live-mark-counts.ts';
import { migration010 } from './010-marks-covering-index.ts';
import type { Migration } from './types.ts';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
];

export const LATEST_VERSION = MIGRATIONS.length;

/** Checked at load: a gap or reordering would silently skip a step on some files. */
MIGRATIONS.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
});

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs every pending step in one transaction: a file is at one version or the next, never between. */
export function migrate(db: Database): { from: number; to: number } {
  const from = schemaVersion(db);
  if (from > LATEST_VERSION) {
    throw new AppError(
      'STUDY_TOO_NEW',
      `This study was saved by a newer version of 3RS Station (schema ${from}; this version knows up to ${LATEST_VERSION}). Update the app to open it.`,
    );
  }
  if (from === LATEST_VERSION) return { from, to: from };
  db.transaction(() => {
    for (const m of MIGRATIONS.slice(from)) db.exec(m.sql);
    db.pragma(`user_version = ${LATEST_VERSION}`);
  })();
  return { from, to: LATEST_VERSION };
}
