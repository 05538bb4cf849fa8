// Reads the audit anchor a file carries out of the study: today an export's manifest.json, whose
// `auditHead` is the chain head when the export was made.

import { z } from 'zod';
import { AppError } from '../errors.ts';
import { readRegularFile } from '../io/regular-file.ts';
import type { AuditAnchor } from './audit-log.ts';

/** A manifest is a few kilobytes; this leaves room for one naming thousands of files. */
const MAX_ANCHOR_FILE_BYTES = 10 * 1024 * 1024;

const Anchored = z.object({
  auditHead: z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
});

/** The anchor in the JSON file at `path`: refused with what to do when the file has none. */
export function readAnchorFile(path: string): AuditAnchor {
  const what = 'manifest';
  const bytes = readRegularFile(path, what, MAX_ANCHOR_FILE_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('INVALID_INPUT', `${path} is not a JSON file. Give the manifest.json of an export made from this study.`);
  }
  const parsed = Anchored.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'INVALID_INPUT',
      `${path} holds no audit head (auditHead with seq and hash). Give the manifest.json of an export made by this version or later; older exports carry none.`,
    );
  }
  return parsed.data.auditHead;
}
