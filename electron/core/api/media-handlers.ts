// Channels about recordings and their media: listing with playback state, importing and relinking as
// jobs with progress, preparing derived media, and what the player needs (URL, filmstrip, waveform).

import { everyCoding, ownCodings, type CodingSummary } from '../coding/index.ts';
import { segmentGrid, type GridRule } from '../coding/segments.ts';
import { AppError } from '../errors.ts';
import { playability, isAudioOnly } from '../media/playability.ts';
import { prepareMedia, stageReporter } from '../media/prepare.ts';
import { proxyStatus, proxyStatuses, type ProxyStatus } from '../media/proxy.ts';
import { closeMediaStore, mediaStoreExists, openMediaStore, type MediaStore } from '../media/store.ts';
import { readThumbnails } from '../media/thumbnails.ts';
import { downsamplePeaks, readWaveform } from '../media/waveform.ts';
import { userPath } from '../io/user-path.ts';
import { addRecording } from '../recordings/add-recording.ts';
import { recordingAvailability } from '../recordings/availability.ts';
import { relinkRecording } from '../recordings/relink.ts';
import { getRecording, listRecordings, type Recording } from '../recordings/registry.ts';
import { getSettings } from '../store/settings.ts';
import type { Study } from '../store/study-file.ts';
import type { MediaInfo, RecordingSummary } from './contract.ts';
import type { Implementations } from './implementation.ts';
import type { JobContext, Jobs } from './jobs.ts';
import { seesOthers } from './authorization.ts';
import type { Session } from './session.ts';

/** Where the host serves media: Electron's media:// scheme, or the browser harness's routes. */
export interface MediaUrls {
  recording(code: string): string;
  thumbnail(code: string, index: number): string;
}

export const electronMediaUrls: MediaUrls = {
  recording: (code) => `media://recording/${encodeURIComponent(code)}`,
  thumbnail: (code, index) => `media://thumbnail/${encodeURIComponent(code)}/${index}`,
};

/** A screen is at most a few thousand pixels wide: more waveform buckets would only cost transfer. */
const WAVEFORM_BUCKETS = 4000;

type MediaChannels = 'recordings.list' | 'recordings.import' | 'recordings.relink' | 'media.info' | 'media.prepare' | 'jobs.status' | 'jobs.cancel';

/** Runs `use` with the study's media file open, and closes it whatever happens. */
async function withMedia<T>(study: Study, actor: string, use: (media: MediaStore) => Promise<T> | T): Promise<T> {
  const media = openMediaStore(study, actor);
  try {
    return await use(media);
  } finally {
    closeMediaStore(media);
  }
}

/** Reads a derived asset, or null while it is not made (yet): the player works without a filmstrip. */
function optional<T>(read: () => T): T | null {
  try {
    return read();
  } catch (err) {
    if (err instanceof AppError && (err.code === 'MEDIA_NOT_READY' || err.code === 'NOT_MEDIA')) return null;
    throw err;
  }
}

export function mediaHandlers(session: Session, jobs: Jobs, urls: MediaUrls): Implementations<MediaChannels> {
  /** Prepares the recording's media inside a job, reporting each stage. */
  const prepare = (study: Study, actor: string, code: string, { report, signal }: JobContext) =>
    withMedia(study, actor, (media) =>
      prepareMedia({ study, media }, code, {
        actor,
        signal,
        onProgress: ({ stage, percent, etaSeconds }) => report({ stage, percent, etaSeconds }),
      }),
    );

  const hashing = (report: JobContext['report']) => {
    const reportFraction = stageReporter('hashing', report);
    return (done: number, total: number) => reportFraction(total > 0 ? done / total : 1);
  };

  const summary = (rec: Recording, grid: GridRule, proxy: ProxyStatus, codings: CodingSummary[]): RecordingSummary => ({
    code: rec.code,
    durationMs: rec.durationMs,
    segments: segmentGrid(rec.durationMs, grid).length,
    playable: playability(rec),
    proxy,
    available: recordingAvailability(rec),
    audioOnly: isAudioOnly(rec),
    codings,
  });

  return {
    'recordings.list': async () => {
      const study = session.study();
      const me = session.coder();
      const grid = getSettings(study.db);
      const recordings = listRecordings(study.db);
      // A lab's study holds thousands of recordings: their codings and proxies are read in one query each.
      const own = seesOthers(me, getSettings(study.db).blindCoding) ? null : ownCodings(study.db, me);
      const everyone = own ? null : everyCoding(study.db);
      const codings = (rec: Recording): CodingSummary[] => (own ? [own.get(rec.id)!] : (everyone!.get(rec.id) ?? []));
      // Listing must not create the media file: it is made by the first prepare or playback.
      const proxies = mediaStoreExists(study) ? await withMedia(study, session.actor(), proxyStatuses) : new Map<string, ProxyStatus>();
      return recordings.map((r) => summary(r, grid, proxies.get(r.sha256) ?? 'missing', codings(r)));
    },
    'recordings.import': ({ path, code, dyad, session: sessionNumber }) => {
      const study = session.study();
      const actor = session.actor();
      const videoPath = userPath(path, 'recording');
      return jobs.start('import', async (ctx) => {
        const rec = await addRecording(study.db, { videoPath, code, dyad, sessionNumber }, actor, hashing(ctx.report), ctx.signal);
        return { recording: rec.code, media: await prepare(study, actor, rec.code, ctx) };
      });
    },
    'recordings.relink': ({ recording, path }) => {
      const study = session.study();
      const actor = session.actor();
      getRecording(study.db, recording);
      const moved = userPath(path, 'recording');
      return jobs.start('relink', async (ctx) => {
        const rec = await relinkRecording(study.db, recording, moved, actor, hashing(ctx.report), ctx.signal);
        return { recording: rec.code };
      });
    },
    'media.prepare': ({ recording }) => {
      const study = session.study();
      const actor = session.actor();
      getRecording(study.db, recording);
      return jobs.start('prepare', (ctx) => prepare(study, actor, recording, ctx));
    },
    'media.info': ({ recording }) => {
      const study = session.study();
      const rec = getRecording(study.db, recording);
      return withMedia(study, session.actor(), (media): MediaInfo => {
        const strip = optional(() => readThumbnails(media, rec.code));
        const waveform = optional(() => readWaveform(media, rec.code));
        return {
          url: urls.recording(rec.code),
          playable: playability(rec),
          proxy: proxyStatus(media, rec),
          available: recordingAvailability(rec),
          audioOnly: isAudioOnly(rec),
          fps: rec.fps,
          thumbnails: strip && { ...strip, urls: Array.from({ length: strip.count }, (_, i) => urls.thumbnail(rec.code, i)) },
          waveform: waveform && downsamplePeaks(waveform, WAVEFORM_BUCKETS),
        };
      });
    },
    'jobs.status': ({ jobId }) => jobs.status(jobId),
    'jobs.cancel': ({ jobId }) => jobs.cancel(jobId),
  };
}
