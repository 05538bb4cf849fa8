// What each kind of packet carries, checked when it is opened: data that enters a study is validated first.

import { z } from 'zod';
import { codingStateSchema } from './coding-state.ts';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const whole = z.number().int().min(0);

/** Lead → coder: the scheme, the settings that cut recordings, and the recordings by content (never a path). */
export const assignBodySchema = z.strictObject({
  scheme: z.strictObject({ id: z.string().min(1), data: z.unknown() }),
  settings: z.strictObject({ segmentSeconds: z.number().int().min(1), minFinalSeconds: whole, blindCoding: z.boolean() }),
  recordings: z.array(
    z.strictObject({
      code: z.string(),
      dyad: z.string().nullable(),
      sessionNumber: whole.nullable(),
      durationMs: whole,
      sizeBytes: whole,
      sha256,
      /** The coder's own coding as the lab holds it, so reassigned work continues; null when there is none. */
      coding: codingStateSchema.nullable(),
    }),
  ),
});

const auditRecordSchema = z.strictObject({
  seq: z.number().int().min(1),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  prevHash: sha256,
  hash: sha256,
});

/** Coder → lead: the coder's codings of the assigned recordings, their audit entries and the audit head. */
export const returnBodySchema = z.strictObject({
  recordings: z.array(z.strictObject({ code: z.string(), sha256, coding: codingStateSchema })),
  audit: z.strictObject({ entries: z.array(auditRecordSchema), head: z.strictObject({ seq: whole, hash: sha256 }) }),
});

export type AssignBody = z.infer<typeof assignBodySchema>;
export type ReturnBody = z.infer<typeof returnBodySchema>;
