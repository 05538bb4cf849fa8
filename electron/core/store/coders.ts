import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { statement } from './statements.ts';

export type CoderRole = 'coder' | 'lead';
export const CODER_ROLES: readonly CoderRole[] = ['coder', 'lead'];

export interface Coder {
  id: number;
  code: string;
  name: string;
  role: CoderRole;
  createdAt: string;
}

/** Coder codes go into exports in place of names, so they must be short and plain. */
export const CODER_CODE_PATTERN = /^[A-Z][A-Z0-9_-]{0,23}$/;

interface CoderRow {
  id: number;
  code: string;
  name: string;
  role: CoderRole;
  created_at: string;
}

const fromRow = (r: CoderRow): Coder => ({ id: r.id, code: r.code, name: r.name, role: r.role, createdAt: r.created_at });

export function listCoders(db: Database): Coder[] {
  return (statement(db, 'SELECT * FROM coders ORDER BY code').all() as CoderRow[]).map(fromRow);
}

export function findCoder(db: Database, code: string): Coder | undefined {
  const row = statement(db, 'SELECT * FROM coders WHERE code = ?').get(code) as CoderRow | undefined;
  return row && fromRow(row);
}

export function getCoder(db: Database, code: string): Coder {
  const coder = findCoder(db, code);
  if (!coder) {
    const known = listCoders(db).map((c) => c.code);
    throw new AppError(
      'NOT_FOUND',
      `No coder "${code}" in this study. ${known.length ? `Known coders: ${known.join(', ')}.` : 'Add one first with "3rs coder add".'}`,
    );
  }
  return coder;
}

/** Codes are capitals: one typed in lower case (c01) is taken as its capitals (C01), not refused. */
const asCode = (code: string): string => code.trim().toUpperCase();

export function addCoder(db: Database, input: { code: string; name: string; role?: CoderRole }, actor: string): Coder {
  const code = asCode(input.code);
  const name = input.name.trim();
  const role = input.role ?? 'coder';
  if (!CODER_CODE_PATTERN.test(code)) {
    throw new AppError('INVALID_INPUT', `Coder code "${input.code}" is not valid: use capital letters and digits starting with a letter, like C01.`);
  }
  if (name.length === 0 || name.length > 200) throw new AppError('INVALID_INPUT', 'Give the coder a display name (1 to 200 characters).');
  if (!CODER_ROLES.includes(role)) throw new AppError('INVALID_INPUT', `Role must be "coder" or "lead" (got "${role}").`);
  return db.transaction(() => {
    if (findCoder(db, code)) throw new AppError('DUPLICATE', `Coder ${code} already exists in this study. Pick another code.`);
    const at = new Date().toISOString();
    const id = Number(
      statement(db, 'INSERT INTO coders (code, name, role, created_at) VALUES (?, ?, ?, ?)').run(code, name, role, at).lastInsertRowid,
    );
    const coder: Coder = { id, code, name, role, createdAt: at };
    appendAudit(db, { actor, action: 'coder.add', entity: 'coder', entityId: code, after: { code, name, role } }, at);
    return coder;
  })();
}

export function retiredCoderIds(db: Database): Set<number> {
  return new Set((statement(db, 'SELECT id FROM coders WHERE retired = 1').all() as { id: number }[]).map((r) => r.id));
}

/** A lead's decision, taken by the caller; audited with the role before and after. */
export function setCoderRole(db: Database, code: string, role: CoderRole, actor: string): Coder {
  if (!CODER_ROLES.includes(role)) throw new AppError('INVALID_INPUT', `Role must be "coder" or "lead" (got "${role}").`);
  return db.transaction(() => {
    const coder = getCoder(db, code);
    if (coder.role === role) throw new AppError('CONFLICT', `${coder.code} is already a ${role}. Nothing was changed.`);
    statement(db, 'UPDATE coders SET role = ? WHERE id = ?').run(role, coder.id);
    appendAudit(db, { actor, action: 'coder.role', entity: 'coder', entityId: coder.code, before: coder.role, after: role });
    return getCoder(db, code);
  })();
}

/** A new code for a coder; their codings, card and packets follow (they hang on the row, not on the code). */
export function renameCoder(db: Database, code: string, typed: string, actor: string): Coder {
  const newCode = asCode(typed);
  if (!CODER_CODE_PATTERN.test(newCode)) {
    throw new AppError('INVALID_INPUT', `Coder code "${typed}" is not valid: use capital letters and digits starting with a letter, like C01.`);
  }
  return db.transaction(() => {
    const coder = getCoder(db, code);
    if (findCoder(db, newCode)) throw new AppError('DUPLICATE', `Coder ${newCode} already exists in this study. Pick another code.`);
    statement(db, 'UPDATE coders SET code = ? WHERE id = ?').run(newCode, coder.id);
    // The study's own identity names its person by code too.
    statement(db, 'UPDATE identity SET code = ? WHERE code = ?').run(newCode, coder.code);
    appendAudit(db, { actor, action: 'coder.rename', entity: 'coder', entityId: newCode, before: { code: coder.code }, after: { code: newCode } });
    return getCoder(db, newCode);
  })();
}

/** Retires (or brings back) a coder: hidden from lists and new work; their codings stay. */
export function setCoderRetired(db: Database, code: string, retired: boolean, actor: string): Coder {
  return db.transaction(() => {
    const coder = getCoder(db, code);
    const before = retiredCoderIds(db).has(coder.id);
    if (before === retired) throw new AppError('CONFLICT', `${coder.code} is ${retired ? 'already retired' : 'not retired'}. Nothing was changed.`);
    statement(db, 'UPDATE coders SET retired = ? WHERE id = ?').run(retired ? 1 : 0, coder.id);
    appendAudit(db, { actor, action: retired ? 'coder.retire' : 'coder.restore', entity: 'coder', entityId: coder.code, before, after: retired });
    return coder;
  })();
}
