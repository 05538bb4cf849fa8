// The one table of what the renderer may ask of the core: channel → input schema and output type.
// Schemas check shape only; the meaning of values (passphrase length, code patterns) is the core's
// to judge, so its messages reach the user unchanged.

import { z } from 'zod';
import type { CodingState, CodingView, Mark } from '../coding/index.ts';
import type {
  CellDifference,
  CellMark,
  CellShare,
  CodingComparison,
  DifferenceKind,
  RatingDifference,
  TrainingCell,
  TrainingComparison,
} from '../compare/index.ts';
import type { ErrorValue, Result } from '../errors.ts';
import type { ExportManifest, ExportResult } from '../export/index.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../export/serialize.ts';
import type { Playability } from '../media/playability.ts';
import type { ProxyStatus } from '../media/proxy.ts';
import type { Availability } from '../recordings/availability.ts';
import type {
  IccValue,
  IntervalValue,
  RatingReliability,
  Reason,
  ReasonKind,
  ReliabilityReport,
  SegmentAgreement,
  SessionCountReliability,
  UnfinishedCoding,
} from '../reliability/index.ts';
import { CHECK_MINUS_SETTINGS, type CheckMinus } from '../reliability/selection.ts';
import type { Clarity, Scheme } from '../scheme/index.ts';
import { CODER_ROLES, type Coder, type CoderRole } from '../store/coders.ts';
import type { StudyInfo as StoredStudyInfo } from '../store/info.ts';
import type { IdentitySummary } from '../lab/identity.ts';
import type { AssignmentMade } from '../lab/assign.ts';
import type { ImportResult, PacketReview, RecordingChange } from '../lab/import-return.ts';
import type { PacketOutcome } from '../lab/import-batch.ts';
import type { AssignmentOpened } from '../lab/open-assignment.ts';
import type { LabCoder, PacketMoment } from '../lab/overview.ts';
import type { ReturnMade } from '../lab/return.ts';
import type { LocateResult } from '../recordings/locate.ts';
import type { AuditPage } from '../audit/audit-page.ts';
import type { Channel, EventName } from './channels.ts';
import type { LockReason, SecurityReport, SessionState } from './security-handlers.ts';
import { PATH_KINDS, type PathKind } from '../io/user-path.ts';
import type { JobKind, JobOf, JobResults, JobStatus } from './jobs.ts';

declare const outputType: unique symbol;

/** A channel's input schema, with its output carried as a type only (nothing at runtime). */
export interface ChannelSpec<S extends z.ZodType, O> {
  readonly input: S;
  readonly [outputType]?: O;
}

const returns =
  <O>() =>
  <S extends z.ZodType>(input: S): ChannelSpec<S, O> => ({ input });

export type StudyInfo = Omit<StoredStudyInfo, 'events'> & {
  path: string;
  /** The live marks the chosen coder may see: everyone's for a lead, their own for a coder while coding is blind; null before anyone is chosen. */
  events: number | null;
  /** Whether coding is blind: a coder then sees only their own coding. */
  blindCoding: boolean;
};

export interface RecordingSummary {
  code: string;
  durationMs: number;
  /** How many segments the study's segment length cuts the recording into. */
  segments: number;
  playable: Playability;
  proxy: ProxyStatus;
  /** Whether the original is where the study expects it: 'missing' or 'changed' offers a relink. */
  available: Availability;
  /** No picture: coding by sound only, without the nonverbal cues. */
  audioOnly: boolean;
  /** Codings of this recording the chosen coder may see: their own, or everyone's for a lead. */
  codings: { coder: string; state: CodingState; watchedSegments: number }[];
}

export interface MediaInfo {
  /** What to put in <video src>: the original or its decrypted proxy, served by byte ranges. */
  url: string;
  playable: Playability;
  proxy: ProxyStatus;
  available: Availability;
  audioOnly: boolean;
  /** Frames per second of the original (for frame steps); null when unknown or audio-only. */
  fps: number | null;
  thumbnails: { everySeconds: number; count: number; width: number; height: number; urls: string[] } | null;
  /** Min/max pairs of 16-bit samples, at most a few thousand buckets (enough for any screen). */
  waveform: { bucketsPerSecond: number; peaks: number[] } | null;
}

export type { JobKind, JobOf, JobResults, JobStatus };

export interface StudySettingsView {
  segmentSeconds: number;
  /** A final part shorter than this (seconds) joins the previous segment; 0: never. */
  minFinalSeconds: number;
  schemeId: string;
  /** Segment length is fixed once any mark exists: changing it would re-bin every mark. */
  segmentLocked: boolean;
  /** On (the default), a coder sees only their own coding; a lead turns it off for the study. */
  blindCoding: boolean;
}

/** A coder of the study; `consensus`: the coder of a consensus coding, whom a lead edits and nobody unlocks as. */
export type StudyCoder = Coder & { consensus: boolean };

/** A coding of a recording to compare or train against, as the chosen coder may know of it. */
export interface CodingChoice {
  coder: string;
  name: string;
  role: CoderRole;
  state: CodingState;
  /** Begun by "start consensus": the agreed coding, which a lead may edit. */
  consensus: boolean;
}

/** An ELAN file written by export.eaf. */
export interface EafWritten {
  path: string;
  tiers: string[];
  annotations: number;
}

/** After adding a mark: the coding as the core now holds it, and the new mark (to focus it in the list). */
export type MarkAdded = CodingView & { mark: Mark };

const role = z.enum(CODER_ROLES as readonly [CoderRole, ...CoderRole[]]);
const clarity = z.enum(['check', 'check-minus'] satisfies Clarity[]);
const recording = z.string();
const markId = z.number().int();
const onRecording = z.strictObject({ recording });
/** Whose coding a write acts on: left out, the chosen coder's own; a lead may name a consensus coding. */
const coder = z.string().optional();
const onCoding = z.strictObject({ recording, coder });
const newCoder = z.strictObject({ code: z.string(), name: z.string(), role: role.optional() });
const nothing = z.strictObject({});
const codes = z.array(z.string());
const checkMinus = z.enum(CHECK_MINUS_SETTINGS as readonly [CheckMinus, ...CheckMinus[]]);

export const contract = {
  'study.create': returns<{ info: StudyInfo; coder: Coder }>()(
    z.strictObject({ path: z.string(), passphrase: z.string(), segmentSeconds: z.number().optional(), coder: newCoder }),
  ),
  'study.open': returns<StudyInfo>()(z.strictObject({ path: z.string(), passphrase: z.string() })),
  'study.close': returns<null>()(nothing),
  'study.info': returns<StudyInfo>()(nothing),
  'session.selectCoder': returns<Coder>()(z.strictObject({ code: z.string() })),
  'coders.list': returns<StudyCoder[]>()(nothing),
  'coders.add': returns<Coder>()(newCoder),
  'recordings.list': returns<RecordingSummary[]>()(nothing),
  'scheme.get': returns<Scheme>()(nothing),
  // Coding: every write answers with the whole coding as committed, so the screen paints what is saved.
  // Writes act on the chosen coder's own coding, except that a lead may name a consensus coding with `coder`;
  // while coding is blind, only a lead may view another coder's coding.
  'coding.view': returns<CodingView>()(z.strictObject({ recording, coder: z.string().optional() })),
  'marks.add': returns<MarkAdded>()(z.strictObject({ recording, coder, code: z.string(), clarity, timeMs: z.number(), note: z.string().optional() })),
  'marks.change': returns<CodingView>()(
    z.strictObject({
      id: markId,
      code: z.string().optional(),
      clarity: clarity.optional(),
      timeMs: z.number().optional(),
      note: z.string().optional(),
    }),
  ),
  'marks.delete': returns<CodingView>()(z.strictObject({ id: markId })),
  'marks.undo': returns<CodingView>()(onCoding),
  'marks.redo': returns<CodingView>()(onCoding),
  'ratings.set': returns<CodingView>()(z.strictObject({ recording, coder, item: z.string(), value: z.number() })),
  'ratings.clear': returns<CodingView>()(z.strictObject({ recording, coder, item: z.string() })),
  'notes.setSegment': returns<CodingView>()(z.strictObject({ recording, coder, segment: z.number().int(), note: z.string() })),
  // Spans played forward (batched by the player); a segment counts as watched once enough of it is played.
  'segments.played': returns<CodingView>()(
    z.strictObject({ recording, coder, spans: z.array(z.strictObject({ startMs: z.number(), endMs: z.number() })).max(1000) }),
  ),
  'ratings.reviewed': returns<CodingView>()(onCoding),
  // Several items at once, all or none (e.g. every type never marked rated 1).
  'ratings.setMany': returns<CodingView>()(
    z.strictObject({ recording, coder, ratings: z.array(z.strictObject({ item: z.string(), value: z.number() })).max(100) }),
  ),
  'coding.complete': returns<CodingView>()(onCoding),
  'coding.reopen': returns<CodingView>()(z.strictObject({ recording, coder: z.string() })),
  'settings.get': returns<StudySettingsView>()(nothing),
  'settings.update': returns<StudySettingsView>()(
    z.strictObject({ segmentSeconds: z.number().optional(), minFinalSeconds: z.number().optional(), blindCoding: z.boolean().optional() }),
  ),
  // Media and long work: jobs answer at once with an id; the core pushes their progress and end (job.changed), the
  // end with the kind's result (JobResults). jobs.status reads a job's state once, e.g. after a reload.
  'media.info': returns<MediaInfo>()(onRecording),
  'media.prepare': returns<{ jobId: string }>()(onRecording),
  'recordings.import': returns<{ jobId: string }>()(
    z.strictObject({ path: z.string(), code: z.string(), dyad: z.string().optional(), session: z.number().int().optional() }),
  ),
  'recordings.relink': returns<{ jobId: string }>()(z.strictObject({ recording, path: z.string() })),
  'jobs.status': returns<JobStatus>()(z.strictObject({ jobId: z.string() })),
  'jobs.cancel': returns<JobStatus>()(z.strictObject({ jobId: z.string() })),
  // The lead's review tools and training (blind coding: see authorization.ts for who may ask what).
  'reliability.report': returns<ReliabilityReport>()(
    z.strictObject({
      coders: codes.optional(),
      recordings: codes.optional(),
      checkMinus: checkMinus.optional(),
      includeUnfinished: z.boolean().optional(),
    }),
  ),
  'review.codings': returns<CodingChoice[]>()(onRecording),
  'compare.codings': returns<CodingComparison>()(
    z.strictObject({ recording, coderA: z.string(), coderB: z.string(), checkMinus: checkMinus.optional() }),
  ),
  'consensus.start': returns<CodingView>()(z.strictObject({ recording, fromCoder: z.string(), consensusCode: z.string().optional() })),
  'training.compare': returns<TrainingComparison>()(
    z.strictObject({ recording, trainee: z.string(), reference: z.string(), checkMinus: checkMinus.optional() }),
  ),
  'export.run': returns<{ jobId: string }>()(
    z.strictObject({
      outDir: z.string(),
      format: z.enum(EXPORT_FORMATS as readonly [ExportFormat, ...ExportFormat[]]),
      includeNotes: z.boolean().optional(),
      recordings: codes.optional(),
      coders: codes.optional(),
      checkMinus: checkMinus.optional(),
      includeUnfinished: z.boolean().optional(),
    }),
  ),
  'export.eaf': returns<EafWritten>()(z.strictObject({ recording, outDir: z.string(), coders: codes.optional() })),
  // How the study is protected (the Security panel), and whether it is still open (a lock the renderer did not start).
  'app.security': returns<SecurityReport>()(nothing),
  // The audit trail a page at a time (newest first), filtered by who, what and when (from inclusive, to exclusive,
  // ISO instants). A lead sees every entry; a coder only the entries they made, so the log cannot unblind them.
  'security.audit': returns<AuditPage>()(
    z.strictObject({
      actor: z.string().optional(),
      action: z.string().optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      before: z.number().int().optional(),
      limit: z.number().int().optional(),
    }),
  ),
  'session.state': returns<SessionState>()(nothing),
  // The lab across workstations: this study's identity card and fingerprint; null when it has none.
  'identity.show': returns<IdentitySummary | null>()(nothing),
  // The lead's Lab screen: coders with their cards' fingerprints, assignments and packets each way (a lead only).
  'lab.overview': returns<LabCoder[]>()(nothing),
  // A coder registered by their identity card (pasted, or the file it came in); an existing coder's card is
  // replaced only with `replace` (audited).
  'lab.registerCoder': returns<{ code: string; name: string; fingerprint: string; replaced: boolean }>()(
    z.strictObject({
      code: z.string(),
      name: z.string().optional(),
      card: z.string().optional(),
      cardFile: z.string().optional(),
      replace: z.boolean().optional(),
    }),
  ),
  'lab.assign': returns<AssignmentMade>()(z.strictObject({ coder: z.string(), recordings: codes.optional(), out: z.string() })),
  // Return packets chosen as files or as an inbox folder: inspect changes nothing; import applies each packet
  // in its own transaction (a refused one answers with its refusal), `takeTheirs` over the lab's own changes.
  'lab.inspect': returns<PacketOutcome<PacketReview>[]>()(z.strictObject({ files: codes.optional(), folder: z.string().optional() })),
  'lab.import': returns<PacketOutcome<ImportResult>[]>()(
    z.strictObject({ files: codes.optional(), folder: z.string().optional(), takeTheirs: z.boolean().optional() }),
  ),
  // The coder's workstation: open an assignment, link the videos by content (a job whose result says what it found), send the codings back.
  'lab.openAssignment': returns<AssignmentOpened>()(z.strictObject({ path: z.string() })),
  'lab.locate': returns<{ jobId: string }>()(z.strictObject({ folder: z.string() })),
  'lab.sendBack': returns<ReturnMade>()(z.strictObject({ out: z.string() })),
  // The page's keyboard, mouse or playback, throttled: the main process keeps its own idle deadline from it, so a
  // page that hangs still locks. `idleMinutes` is the coder's setting, kept by the page.
  'session.activity': returns<null>()(z.strictObject({ idleMinutes: z.number() })),
  // A native file dialog (Electron only): the path chosen, or null when the dialog was cancelled. Hosts without
  // dialogs (the browser harness) say so with files.canChoose, and the page offers no Browse button there.
  'files.canChoose': returns<boolean>()(nothing),
  'files.choose': returns<{ path: string | null }>()(z.strictObject({ kind: z.enum(PATH_KINDS as readonly [PathKind, ...PathKind[]]) })),
} satisfies { [C in Channel]: ChannelSpec<z.ZodType, unknown> };

export type Contract = typeof contract;
export type In<C extends Channel> = z.input<Contract[C]['input']>;
export type Out<C extends Channel> = Contract[C] extends ChannelSpec<z.ZodType, infer O> ? O : never;

/**
 * What the main process pushes to the page, beside the channels: each event's payload, and what the page answers
 * (the main process waits for it, bounded). `drafts.save` comes before any lock or close the page did not start;
 * `session.locked` after the study was closed under it (a system lock, the main process's idle deadline).
 */
export interface Events {
  'drafts.save': { payload: { reason: LockReason }; answer: { saved: number } };
  'session.locked': { payload: { reason: LockReason }; answer: null };
  /** A job's progress or end, pushed by the core as it happens (no polling); the page answers nothing. */
  'job.changed': { payload: JobStatus; answer: null };
}

export type EventPayload<E extends EventName> = Events[E]['payload'];
export type EventAnswer<E extends EventName> = Events[E]['answer'];

/** Listens to one pushed event; what the handler returns (or resolves to) is the page's answer. Returns the unsubscribe. */
export type Subscribe = <E extends EventName>(name: E, handler: (payload: EventPayload<E>) => EventAnswer<E> | Promise<EventAnswer<E>>) => () => void;

/**
 * What the renderer sees as `window.api`: one function per channel, never throwing, `on` for pushed events, and
 * `pathForFile` for a file dropped on the page (Electron's webUtils; a browser gives pages no paths). A host
 * without them (the component tests' bare handlers, the browser harness's drop) leaves them out.
 */
export type Api = { [C in Channel]: (input: In<C>) => Promise<Result<Out<C>>> } & { on?: Subscribe; pathForFile?: (file: File) => string };

export type { Channel, EventName } from './channels.ts';
export type { LockReason, PathKind };
export type { Coder, CodingView, ErrorValue, IdentitySummary, Mark, Result, Scheme };
export type {
  CellDifference,
  CellMark,
  CellShare,
  CheckMinus,
  CodingComparison,
  DifferenceKind,
  ExportFormat,
  ExportManifest,
  ExportResult,
  RatingDifference,
};
export type {
  IccValue,
  IntervalValue,
  RatingReliability,
  Reason,
  ReasonKind,
  ReliabilityReport,
  SegmentAgreement,
  SessionCountReliability,
  TrainingCell,
  TrainingComparison,
  UnfinishedCoding,
};
export type { AuditPage, SecurityReport, SessionState };
export type {
  AssignmentMade,
  AssignmentOpened,
  ImportResult,
  LabCoder,
  LocateResult,
  PacketMoment,
  PacketOutcome,
  PacketReview,
  RecordingChange,
  ReturnMade,
};
