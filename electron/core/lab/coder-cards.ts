// A lab study knows its coders by their identity cards: a packet is taken only from the key registered for
// its coder, so a card is registered once and replaced only on purpose (audited).

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { addCoder, getCoder, type Coder, type CoderRole } from '../store/coders.ts';
import { statement } from '../store/statements.ts';
import { fingerprint, parseCard, sameKeys, type PublicIdentity } from './card.ts';

export interface RegisteredCoder {
  coder: Coder;
  identity: PublicIdentity;
  fingerprint: string;
}

/** The card registered for a coder, or null when none was. */
export function coderIdentity(db: Database, code: string): PublicIdentity | null {
  const coder = getCoder(db, code);
  const row = statement(db, 'SELECT card FROM coders WHERE id = ?').get(coder.id) as { card: string | null };
  return row.card === null ? null : parseCard(row.card);
}

/** The coder whose registered card has these keys, if any. */
export function coderByKeys(db: Database, keys: Pick<PublicIdentity, 'recipient' | 'signingKey'>): Coder | undefined {
  const rows = statement(db, 'SELECT code, card FROM coders WHERE card IS NOT NULL').all() as { code: string; card: string }[];
  const found = rows.find((r) => sameKeys(parseCard(r.card), keys));
  return found && getCoder(db, found.code);
}

function checkCard(db: Database, code: string, card: PublicIdentity): void {
  if (card.code !== code) {
    throw new AppError(
      'INVALID_INPUT',
      `The card is ${card.code}'s, not ${code}'s. Register it under ${card.code}, or ask the coder to make their identity with the code ${code}.`,
    );
  }
  const holder = coderByKeys(db, card);
  if (holder && holder.code !== code)
    throw new AppError('DUPLICATE', `That card is already registered for ${holder.code}. Each person has their own card.`);
}

const registered = (coder: Coder, identity: PublicIdentity): RegisteredCoder => ({ coder, identity, fingerprint: fingerprint(identity) });

/** Adds a coder with their card in one step; the name defaults to the card's. */
export function addCoderWithCard(
  db: Database,
  input: { code: string; name?: string; role?: CoderRole; card: string },
  actor: string,
): RegisteredCoder {
  const identity = parseCard(input.card);
  return db.transaction(() => {
    checkCard(db, input.code.trim(), identity);
    const coder = addCoder(db, { code: input.code, name: input.name ?? identity.name, role: input.role }, actor);
    statement(db, 'UPDATE coders SET card = ? WHERE id = ?').run(input.card.trim(), coder.id);
    appendAudit(db, {
      actor,
      action: 'coder.identity',
      entity: 'coder',
      entityId: coder.code,
      before: null,
      after: { card: input.card.trim(), fingerprint: fingerprint(identity) },
    });
    return registered(coder, identity);
  })();
}

/**
 * Registers or replaces a coder's card. Replacing is a deliberate act (the coder's old workstation was lost, say):
 * packets signed with the old key are refused from then on.
 */
export function setCoderIdentity(db: Database, code: string, card: string, actor: string): RegisteredCoder & { replaced: boolean } {
  const identity = parseCard(card);
  return db.transaction(() => {
    const coder = getCoder(db, code);
    checkCard(db, coder.code, identity);
    const before = statement(db, 'SELECT card FROM coders WHERE id = ?').get(coder.id) as { card: string | null };
    if (before.card !== null && sameKeys(parseCard(before.card), identity)) {
      throw new AppError('CONFLICT', `${coder.code} already has this card (fingerprint ${fingerprint(identity)}). Nothing was changed.`);
    }
    statement(db, 'UPDATE coders SET card = ? WHERE id = ?').run(card.trim(), coder.id);
    appendAudit(db, {
      actor,
      action: 'coder.identity',
      entity: 'coder',
      entityId: coder.code,
      before: before.card === null ? null : { card: before.card, fingerprint: fingerprint(parseCard(before.card)) },
      after: { card: card.trim(), fingerprint: fingerprint(identity) },
    });
    return { ...registered(coder, identity), replaced: before.card !== null };
  })();
}
