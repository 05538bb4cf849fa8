// The identity of the person who uses a study file: one per file (a lab study's is its lead's). The private
// keys live in the study's `identity` row, so they are encrypted with the study and follow its rekeys.

import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { addCoder, findCoder, type CoderRole } from '../store/coders.ts';
import { statement } from '../store/statements.ts';
import { encodeCard, fingerprint, type PublicIdentity } from './card.ts';

export interface IdentitySummary {
  code: string;
  name: string;
  card: string;
  fingerprint: string;
}

/** The private half, for opening packets addressed to this study and signing the ones it makes. */
export interface PrivateIdentity extends PublicIdentity {
  ageIdentity: string;
  signingPrivate: KeyObject;
}

interface IdentityRow {
  code: string;
  name: string;
  age_identity: string;
  recipient: string;
  signing_private: Buffer;
  signing_public: string;
}

function readRow(db: Database): IdentityRow | undefined {
  return statement(db, 'SELECT code, name, age_identity, recipient, signing_private, signing_public FROM identity WHERE id = 1').get() as
    IdentityRow | undefined;
}

export const hasIdentity = (db: Database): boolean => readRow(db) !== undefined;

function requireRow(db: Database): IdentityRow {
  const row = readRow(db);
  if (!row) {
    throw new AppError(
      'NOT_FOUND',
      'This study has no identity yet. Make the identity of the person who uses it with "3rs identity create" (the app makes one when it creates a study).',
    );
  }
  return row;
}

const publicOf = (row: IdentityRow): PublicIdentity => ({ code: row.code, name: row.name, recipient: row.recipient, signingKey: row.signing_public });

export function getPublicIdentity(db: Database): PublicIdentity {
  return publicOf(requireRow(db));
}

export function getPrivateIdentity(db: Database): PrivateIdentity {
  const row = requireRow(db);
  return {
    ...publicOf(row),
    ageIdentity: row.age_identity,
    signingPrivate: createPrivateKey({ key: row.signing_private, format: 'der', type: 'pkcs8' }),
  };
}

export function summarize(id: PublicIdentity): IdentitySummary {
  return { code: id.code, name: id.name, card: encodeCard(id), fingerprint: fingerprint(id) };
}

export function showIdentity(db: Database): IdentitySummary {
  return summarize(getPublicIdentity(db));
}

export interface NewIdentity {
  code: string;
  name: string;
  /** The role the person takes in this study when they are not a coder of it yet (lead by default). */
  role?: CoderRole;
}

/** Fresh keys, made before the study is touched so a failure changes nothing. */
async function generateKeys(): Promise<{ ageIdentity: string; recipient: string; signingPrivate: Buffer; signingKey: string }> {
  const ageIdentity = await generateX25519Identity();
  const recipient = await identityToRecipient(ageIdentity);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new AppError('INTERNAL', 'Node did not give the Ed25519 public key. Please report it.');
  return { ageIdentity, recipient, signingPrivate: privateKey.export({ format: 'der', type: 'pkcs8' }), signingKey: jwk.x };
}

/**
 * Makes the identity of the person who uses this study, and makes them a coder of it if they are not one yet.
 * One per study file: a second is refused, as packets already signed with the first would no longer check.
 */
export async function createIdentity(db: Database, input: NewIdentity, actor: string): Promise<IdentitySummary> {
  if (hasIdentity(db)) {
    throw new AppError(
      'DUPLICATE',
      `This study already has the identity of ${requireRow(db).code}; a study file holds one. Show it with "3rs identity show".`,
    );
  }
  const keys = await generateKeys();
  const name = input.name.trim();
  return db.transaction(() => {
    if (hasIdentity(db)) throw new AppError('DUPLICATE', 'This study already has an identity; a study file holds one.');
    const existing = findCoder(db, input.code.trim());
    if (existing && existing.name !== name) {
      throw new AppError(
        'CONFLICT',
        `Coder ${existing.code} of this study is named "${existing.name}", not "${name}". Give the same name, or another code.`,
      );
    }
    const coder = existing ?? addCoder(db, { code: input.code, name, role: input.role ?? 'lead' }, actor);
    const at = new Date().toISOString();
    statement(
      db,
      `INSERT INTO identity (id, code, name, age_identity, recipient, signing_private, signing_public, created_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(coder.code, coder.name, keys.ageIdentity, keys.recipient, keys.signingPrivate, keys.signingKey, at);
    const summary = summarize({ code: coder.code, name: coder.name, recipient: keys.recipient, signingKey: keys.signingKey });
    // The public half only: the audit log is read by verify and by whoever audits the lab.
    appendAudit(
      db,
      { actor, action: 'identity.create', entity: 'identity', entityId: coder.code, after: { card: summary.card, fingerprint: summary.fingerprint } },
      at,
    );
    return summary;
  })();
}
