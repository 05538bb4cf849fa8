// The packet format: a standard age file, encrypted to the receiver's X25519 recipient, whose plaintext is a
// signed document. The Ed25519 signature covers every field of the document — the receiver too, so a packet
// cannot be re-addressed — over its canonical JSON. A lab can open a packet with the `age` tool and the
// receiver's key, read the JSON, and check the signature with any Ed25519 library.

import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { Decrypter, Encrypter } from 'age-encryption';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { CODER_CODE_PATTERN } from '../store/coders.ts';
import { canonicalJson } from './canonical-json.ts';
import { fingerprint, publicIdentitySchema, signingPublicKey } from './card.ts';
import type { PrivateIdentity } from './identity.ts';

export const PACKET_FORMAT = '3rs-packet';
export const PACKET_VERSION = 1;
export type PacketKind = 'assign' | 'return';

const SIGNATURE_CONTEXT = '3rs-packet-signature-v1\n';
const AGE_MAGIC = Buffer.from('age-encryption.org/v1\n', 'utf8');

const documentSchema = z.strictObject({
  format: z.literal(PACKET_FORMAT),
  version: z.literal(PACKET_VERSION),
  kind: z.enum(['assign', 'return']),
  study: z.string().regex(/^[0-9a-f]{32}$/),
  sender: publicIdentitySchema.omit({ name: true }),
  receiver: z.strictObject({ code: z.string().regex(CODER_CODE_PATTERN), recipient: publicIdentitySchema.shape.recipient }),
  sequence: z.number().int().min(1),
  answersTo: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  body: z.unknown(),
});

export type PacketDocument = z.infer<typeof documentSchema>;

export interface OpenedPacket {
  document: PacketDocument;
  /** SHA-256 of the packet file as it arrived: what the audit log and the replay check name it by. */
  sha256: string;
  /** The fingerprint of the key that signed it. */
  signer: string;
}

/** The plaintext is `{"document":…,"signature":"…"}`, the canonical JSON of the envelope (its keys in order). */
const ENVELOPE_HEAD = '{"document":';
const ENVELOPE_SIGNATURE = ',"signature":"';
const ENVELOPE_TAIL = /,"signature":"([A-Za-z0-9_-]{86})"\}$/;

export const packetSha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface PacketAddress {
  kind: PacketKind;
  study: string;
  receiver: { code: string; recipient: string };
  sequence: number;
  answersTo: number;
  body: unknown;
}

/** Signs the document with the sender's key and encrypts it to the receiver alone. */
export async function sealPacket(sender: PrivateIdentity, address: PacketAddress): Promise<Uint8Array> {
  const document: PacketDocument = {
    format: PACKET_FORMAT,
    version: PACKET_VERSION,
    kind: address.kind,
    study: address.study,
    sender: { code: sender.code, recipient: sender.recipient, signingKey: sender.signingKey },
    receiver: { code: address.receiver.code, recipient: address.receiver.recipient },
    sequence: address.sequence,
    answersTo: address.answersTo,
    createdAt: new Date().toISOString(),
    body: address.body,
  };
  // The document is serialised once: the signature covers exactly these bytes, and the envelope carries them.
  const text = canonicalJson(document);
  const signature = sign(null, Buffer.from(SIGNATURE_CONTEXT + text, 'utf8'), sender.signingPrivate).toString('base64url');
  const encrypter = new Encrypter();
  encrypter.addRecipient(address.receiver.recipient);
  return encrypter.encrypt(`${ENVELOPE_HEAD}${text}${ENVELOPE_SIGNATURE}${signature}"}`);
}

const refused = (code: 'INVALID_INPUT' | 'FORBIDDEN', why: string) => new AppError(code, `Packet refused: ${why}. Nothing was changed.`);

/**
 * Decrypts with this study's identity and checks the signature with the key the document names. Whether
 * that key is the one the study trusts for the sender, and whether the packet is for this study, is the
 * caller's to check: this only proves the document is whole and was signed by its sender key.
 */
export async function openPacket(bytes: Uint8Array, me: PrivateIdentity): Promise<OpenedPacket> {
  if (bytes.length === 0) throw refused('INVALID_INPUT', 'the file is empty, not a packet');
  if (!Buffer.from(bytes.subarray(0, AGE_MAGIC.length)).equals(AGE_MAGIC))
    throw refused('INVALID_INPUT', 'the file is not a 3RS packet (not an age file)');
  const decrypter = new Decrypter();
  decrypter.addIdentity(me.ageIdentity);
  let text: string;
  try {
    text = await decrypter.decrypt(bytes, 'text');
  } catch (err) {
    const message = (err as Error).message;
    if (/no identity matched/i.test(message))
      throw refused('FORBIDDEN', `it is not addressed to ${me.code} (encrypted for another key), or its header was altered`);
    throw refused('INVALID_INPUT', 'the file is damaged: altered or truncated (decryption failed)');
  }
  // The signature is checked over the document's bytes as they arrived, and the document read is those bytes.
  const tail = ENVELOPE_TAIL.exec(text);
  if (!text.startsWith(ENVELOPE_HEAD) || !tail) throw refused('INVALID_INPUT', 'it decrypts, but is not a 3RS packet this version can read');
  const documentText = text.slice(ENVELOPE_HEAD.length, tail.index);
  let raw: unknown;
  try {
    raw = JSON.parse(documentText);
  } catch {
    throw refused('INVALID_INPUT', 'it decrypts, but is not a 3RS packet this version can read');
  }
  const senderKey = (raw as { sender?: { signingKey?: unknown } } | null)?.sender?.signingKey;
  const parsedKey = publicIdentitySchema.shape.signingKey.safeParse(senderKey);
  if (!parsedKey.success) throw refused('INVALID_INPUT', 'it decrypts, but names no signing key');
  let signerKey: KeyObject;
  try {
    signerKey = signingPublicKey(parsedKey.data);
  } catch {
    throw refused('INVALID_INPUT', 'its signing key is not an Ed25519 key');
  }
  if (!verify(null, Buffer.from(SIGNATURE_CONTEXT + documentText, 'utf8'), signerKey, Buffer.from(tail[1]!, 'base64url'))) {
    throw refused('INVALID_INPUT', 'its signature does not match its contents (altered after signing)');
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) throw refused('INVALID_INPUT', 'it is signed, but is not a 3RS packet this version can read');
  const document = parsed.data;
  if (document.receiver.recipient !== me.recipient) {
    throw refused('FORBIDDEN', `it was signed for ${document.receiver.code}'s key, not for ${me.code}'s (re-addressed)`);
  }
  return { document, sha256: packetSha256(bytes), signer: fingerprint(document.sender) };
}
