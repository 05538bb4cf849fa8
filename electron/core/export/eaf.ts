// One recording's marks as an ELAN Annotation Format 3.0 document, for labs that also work in ELAN: a tier
// per coder and category (e.g. "C01 withdrawal"), one time-aligned annotation per mark time. Like the
// tables it is de-identified: no media path (ELAN asks for the video on opening), no names, no notes, and
// the export date as the document's only date.

import type { Database } from 'better-sqlite3-multiple-ciphers';
import { XMLBuilder } from 'fast-xml-parser';
import { listMarks, type Mark } from '../coding/index.ts';
import { studyScheme } from '../coding/coding-ref.ts';
import { assertStarted } from '../compare/cells.ts';
import { AppError } from '../errors.ts';
import { getRecording } from '../recordings/registry.ts';
import { getCoder } from '../store/coders.ts';
import { exportDate } from './manifest.ts';

export interface EafOptions {
  /** Coder codes, each of a coder who has started a coding of the recording; default every such coder. */
  coders?: readonly string[];
}

/** How long an annotation lasts on ELAN's timeline: a mark is an instant, an annotation needs a span. */
export const MARK_SPAN_MS = 1000;

export const LINGUISTIC_TYPE_ID = '3rs-marks';

export interface EafDocument {
  recording: string;
  /** The ELAN document, UTF-8 text. */
  xml: string;
  /** Tier ids in document order, e.g. "C01 withdrawal". */
  tiers: string[];
  annotations: number;
}

interface Span {
  start: number;
  end: number;
  value: string;
}

function startedCoders(db: Database, recordingId: number): string[] {
  const rows = db
    .prepare('SELECT c.code FROM coding_status s JOIN coders c ON c.id = s.coder_id WHERE s.recording_id = ? ORDER BY c.code')
    .all(recordingId) as { code: string }[];
  return rows.map((r) => r.code);
}

/** The coders asked for, each of whom must have coded the recording: their tiers would be empty otherwise. */
function namedCoders(db: Database, recording: string, codes: readonly string[]): string[] {
  return [...new Set(codes)].map((code) => {
    const coder = getCoder(db, code).code;
    assertStarted(db, recording, coder, 'export to ELAN');
    return coder;
  });
}

/**
 * Marks at the same time share one annotation ("W1 check; C2 check-minus"), and an annotation ends where the
 * tier's next one starts, because ELAN does not allow annotations on one tier to overlap, and at the end of
 * the recording, so that it stays within the media ELAN plays.
 */
function spans(marks: Mark[], durationMs: number): Span[] {
  const byTime = new Map<number, Mark[]>();
  for (const mark of marks) byTime.set(mark.timeMs, [...(byTime.get(mark.timeMs) ?? []), mark]);
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const result: Span[] = [];
  // From the last mark back, so that each annotation knows where the next one starts.
  let limit = durationMs;
  for (let i = times.length - 1; i >= 0; i--) {
    const time = times[i]!;
    const end = Math.min(time + MARK_SPAN_MS, limit);
    // A mark on the recording's last millisecond (or pressed against the next annotation there) has no room
    // after it: its annotation takes the millisecond before it instead of running past the media, because
    // ELAN needs an annotation to end after it starts.
    const start = Math.min(time, end - 1);
    result.push({
      start,
      end,
      value: byTime
        .get(time)!
        .map((m) => `${m.code} ${m.clarity}`)
        .join('; '),
    });
    limit = start;
  }
  return result.reverse();
}

export function exportEaf(db: Database, recording: string, options: EafOptions = {}): EafDocument {
  const { code, tiers, date } = db.transaction(() => {
    const rec = getRecording(db, recording);
    const coders = options.coders === undefined ? startedCoders(db, rec.id) : namedCoders(db, rec.code, options.coders);
    if (coders.length === 0) {
      throw new AppError('INVALID_INPUT', `No coder has coded ${rec.code} yet, so there is nothing to export to ELAN. Code it first.`);
    }
    const scheme = studyScheme(db);
    const tiers = coders.flatMap((coder) => {
      const marks = listMarks(db, rec.code, coder);
      return scheme.categories.map((category) => ({
        id: `${coder} ${category.id}`,
        coder,
        spans: spans(
          marks.filter((m) => m.category === category.id),
          rec.durationMs,
        ),
      }));
    });
    return { code: rec.code, tiers, date: exportDate(new Date()) };
  })();

  // Every annotation has two time slots of its own: ELAN ties together annotations that share a slot, so that
  // moving one coder's boundary would move another's. times holds each annotation's start and end, in the
  // order the annotations are written; the slots are numbered in order of time, as ELAN numbers them.
  const times = tiers.flatMap((t) => t.spans.flatMap((s) => [s.start, s.end]));
  const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
  const slotIds: string[] = [];
  order.forEach((i, n) => (slotIds[i] = `ts${n + 1}`));
  let annotations = 0;
  const tierElements = tiers.map((tier) => ({
    '@_TIER_ID': tier.id,
    '@_LINGUISTIC_TYPE_REF': LINGUISTIC_TYPE_ID,
    '@_ANNOTATOR': tier.coder,
    ANNOTATION: tier.spans.map((span) => {
      const k = annotations++;
      return {
        ALIGNABLE_ANNOTATION: {
          '@_ANNOTATION_ID': `a${k + 1}`,
          '@_TIME_SLOT_REF1': slotIds[2 * k],
          '@_TIME_SLOT_REF2': slotIds[2 * k + 1],
          ANNOTATION_VALUE: span.value,
        },
      };
    }),
  }));

  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    ANNOTATION_DOCUMENT: {
      '@_AUTHOR': '',
      '@_DATE': `${date}T00:00:00`,
      '@_FORMAT': '3.0',
      '@_VERSION': '3.0',
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:noNamespaceSchemaLocation': 'http://www.mpi.nl/tools/elan/EAFv3.0.xsd',
      HEADER: {
        '@_MEDIA_FILE': '',
        '@_TIME_UNITS': 'milliseconds',
        PROPERTY: [
          { '@_NAME': 'lastUsedAnnotationId', '#text': String(annotations) },
          { '@_NAME': '3rs:recording', '#text': code },
        ],
      },
      TIME_ORDER: { TIME_SLOT: order.map((i, n) => ({ '@_TIME_SLOT_ID': `ts${n + 1}`, '@_TIME_VALUE': String(times[i]) })) },
      TIER: tierElements,
      LINGUISTIC_TYPE: { '@_LINGUISTIC_TYPE_ID': LINGUISTIC_TYPE_ID, '@_TIME_ALIGNABLE': 'true', '@_GRAPHIC_REFERENCES': 'false' },
    },
  };
  // suppressBooleanAttributes off: by default the builder writes TIME_ALIGNABLE="true" as a bare name, which is not XML.
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
  });
  return { recording: code, xml: builder.build(document), tiers: tiers.map((t) => t.id), annotations };
}
