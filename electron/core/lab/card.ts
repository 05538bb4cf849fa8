// The public identity card (one line, safe to mail, print or show as a QR code) and its fingerprint, the
// 30 digits two people compare in person before trusting each other's packets.

import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { CODER_CODE_PATTERN } from '../store/coders.ts';
import { canonicalJson } from './canonical-json.ts';

export const CARD_PREFIX = '3rs-id1.';

/** What a card says: who, and the two public keys (age X25519 recipient, Ed25519 signing key as base64url). */
export interface PublicIdentity {
  code: string;
  name: string;
  recipient: string;
  signingKey: string;
}

const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
const ED25519_KEY = /^[A-Za-z0-9_-]{43}$/;

export const publicIdentitySchema = z.strictObject({
  code: z.string().regex(CODER_CODE_PATTERN),
  name: z.string().min(1).max(200),
  recipient: z.string().regex(AGE_RECIPIENT),
  signingKey: z.string().regex(ED25519_KEY),
});

export function encodeCard(id: PublicIdentity): string {
  return (
    CARD_PREFIX +
    Buffer.from(canonicalJson({ code: id.code, name: id.name, recipient: id.recipient, signingKey: id.signingKey }), 'utf8').toString('base64url')
  );
}

const notACard = (why: string) =>
  new AppError(
    'INVALID_INPUT',
    `That is not a 3RS identity card (${why}). Ask the person for the line starting with "${CARD_PREFIX}" that "3rs identity show" prints.`,
  );

export function parseCard(text: string): PublicIdentity {
  const line = text.trim();
  if (!line.startsWith(CARD_PREFIX)) throw notACard(`it does not start with "${CARD_PREFIX}"`);
  const body = line.slice(CARD_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw notACard('it holds characters a card never has; was it cut or wrapped?');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw notACard('it is cut short or altered');
  }
  const parsed = publicIdentitySchema.safeParse(json);
  if (!parsed.success) throw notACard('its contents are incomplete or altered');
  signingPublicKey(parsed.data.signingKey);
  return parsed.data;
}

/** The Ed25519 public key from its base64url form. */
export function signingPublicKey(signingKey: string): KeyObject {
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: signingKey }, format: 'jwk' });
  } catch {
    throw notACard('its signing key is not an Ed25519 key');
  }
}

/** Signal's safety numbers iterate SHA-512 the same way: finding another key pair with the same digits costs more. */
const FINGERPRINT_ITERATIONS = 5200;

/**
 * Six groups of five digits from a hash of the card's two keys (never its code or name, which a person may
 * type differently): the same keys give the same digits on every machine.
 */
export function fingerprint(id: Pick<PublicIdentity, 'recipient' | 'signingKey'>): string {
  const keys = Buffer.from(`${id.recipient}\n${id.signingKey}`, 'utf8');
  let digest: Buffer = createHash('sha512').update('3rs-fingerprint-v1\n').update(keys).digest();
  for (let i = 1; i < FINGERPRINT_ITERATIONS; i++) digest = createHash('sha512').update(digest).update(keys).digest();
  const groups: string[] = [];
  for (let g = 0; g < 6; g++) {
    const value = digest.readUIntBE(g * 5, 5) % 100000;
    groups.push(String(value).padStart(5, '0'));
  }
  return groups.join(' ');
}

/** Two identities are the same person's when both keys match. */
export const sameKeys = (a: Pick<PublicIdentity, 'recipient' | 'signingKey'>, b: Pick<PublicIdentity, 'recipient' | 'signingKey'>): boolean =>
  a.recipient === b.recipient && a.signingKey === b.signingKey;
