// The channel names alone, so the preload can expose exactly these without bundling zod or core code.

export const CHANNELS = [
  'study.create',
  'study.open',
  'study.close',
  'study.info',
  'session.selectCoder',
  'coders.list',
  'coders.add',
  'recordings.list',
  'scheme.get',
  'coding.view',
  'marks.add',
  'marks.change',
  'marks.delete',
  'marks.undo',
  'marks.redo',
  'ratings.set',
  'ratings.clear',
  'notes.setSegment',
  'segments.played',
  'ratings.reviewed',
  'ratings.setMany',
  'coding.complete',
  'coding.reopen',
  'settings.get',
  'settings.update',
  'media.info',
  'media.prepare',
  'recordings.import',
  'recordings.relink',
  'jobs.status',
  'jobs.cancel',
  'reliability.report',
  'review.codings',
  'compare.codings',
  'consensus.start',
  'training.compare',
  'export.run',
  'export.eaf',
  'app.security',
  'security.audit',
  'session.state',
  'identity.show',
  'lab.overview',
  'lab.registerCoder',
  'lab.assign',
  'lab.inspect',
  'lab.import',
  'lab.openAssignment',
  'lab.locate',
  'lab.sendBack',
  'session.activity',
  'files.canChoose',
  'files.choose',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** What the main process pushes to the page (see `Events` in contract.ts); the page listens with `window.api.on`. */
export const EVENTS = ['drafts.save', 'session.locked', 'job.changed'] as const;

export type EventName = (typeof EVENTS)[number];

/** Prefix of every IPC channel, so the app's handlers never collide with Electron's or a library's. */
export const IPC_PREFIX = '3rs:';

/** main → page: a pushed event (id, name, payload); page → main: the page's answer to it (id, answer). */
export const EVENT_CHANNEL = `${IPC_PREFIX}event`;
export const ANSWER_CHANNEL = `${IPC_PREFIX}answer`;
