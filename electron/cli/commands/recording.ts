import { segmentGrid } from '../../core/coding/index.ts';
import { formatClock } from '../../core/io/time-format.ts';
import { isAudioOnly, playability } from '../../core/media/playability.ts';
import { proxyStatus, type ProxyStatus } from '../../core/media/proxy.ts';
import { mediaStoreExists } from '../../core/media/store.ts';
import { addRecording } from '../../core/recordings/add-recording.ts';
import { recordingAvailability } from '../../core/recordings/availability.ts';
import { listRecordings, type Recording } from '../../core/recordings/registry.ts';
import { relinkRecording } from '../../core/recordings/relink.ts';
import { locateRecordings } from '../../core/recordings/locate.ts';
import { renameRecording, retiredRecordingIds, setRecordingRetired } from '../../core/recordings/retire.ts';
import { getSettings } from '../../core/store/settings.ts';
import type { Study } from '../../core/store/study-file.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, wholeNumberOption, type Command } from '../command.ts';
import { print, printJson, progressReporter, table } from '../output.ts';
import { cliActor, withMediaStore, withStudy } from '../study-session.ts';

function describeMedia(r: Recording): string {
  const video = r.videoCodec ? `${r.videoCodec} ${r.width}x${r.height}${r.fps ? ` at ${r.fps} fps` : ''}` : 'no video';
  return `${video}, ${r.audioCodec ?? 'no audio'}`;
}

const AUDIO_ONLY_NOTE = 'audio only: it is coded from the sound; the nonverbal side of ruptures (gaze, posture, faces) cannot be seen.';

/** Reads the running hash of a large file as a percentage on a terminal. */
async function withHashProgress<T>(use: (update: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  const progress = progressReporter('Reading the recording');
  try {
    return await use(progress.update);
  } finally {
    progress.end();
  }
}

const add: Command = {
  name: 'recording add',
  positionals: ['FILE', 'VIDEO'],
  options: {
    code: { type: 'string', value: 'CODE', help: 'recording code, e.g. D01-S01 (dyad and session are read from it)' },
    dyad: { type: 'string', value: 'DYAD', help: 'dyad code, when the recording code does not carry it' },
    session: { type: 'string', value: 'N', help: 'session number, when the recording code does not carry it' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['code'],
  summary: 'register a video or audio recording (it stays where it is and is never changed)',
  async run(args) {
    const input = {
      videoPath: args.positionals[1]!,
      code: requiredOption(args, 'code'),
      dyad: stringOption(args, 'dyad') ?? null,
      sessionNumber: wholeNumberOption(args, 'session', '1') ?? null,
    };
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), async (study) => {
      const rec = await withHashProgress((update) => addRecording(study.db, input, cliActor(), update));
      const segments = segmentGrid(rec.durationMs, getSettings(study.db)).length;
      print(`Added ${rec.code}: ${formatClock(rec.durationMs)}, ${describeMedia(rec)}; ${segments} segment${segments === 1 ? '' : 's'}.`);
      print(`The original stays at ${rec.path} and is never changed.`);
      if (isAudioOnly(rec)) print(`Note: ${rec.code} is ${AUDIO_ONLY_NOTE}`);
      if (playability(rec) === 'proxy') print(`It needs a playable copy: run "3rs media prepare" for ${rec.code}.`);
      return 0;
    });
  },
};

/** Proxy states of all recordings; without a media file nothing has been prepared (and nothing is created). */
async function proxyStates(study: Study, recordings: Recording[]): Promise<ProxyStatus[]> {
  if (!mediaStoreExists(study)) return recordings.map(() => 'missing');
  return withMediaStore(study, (media) => recordings.map((r) => proxyStatus(media, r)));
}

function describePlayback(row: { playable: string; proxy: ProxyStatus; available: string }): string {
  if (row.playable === 'none') return 'cannot be played';
  if (row.playable === 'direct') return row.available === 'ok' ? 'plays as it is' : `original ${row.available}: relink`;
  return { ready: 'copy ready', missing: 'needs media prepare', failed: 'copy failed: prepare again' }[row.proxy];
}

const list: Command = {
  name: 'recording list',
  positionals: ['FILE'],
  options: { json: { type: 'boolean', help: 'print JSON' }, all: { type: 'boolean', help: 'retired recordings too' }, ...PASSPHRASE_ENV_OPTION },
  summary: 'list the recordings of a study (not the retired ones unless --all), whether they play and whether their originals are in place',
  run: (args) =>
    withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), async (study) => {
      const settings = getSettings(study.db);
      const retired = retiredRecordingIds(study.db);
      const recordings = listRecordings(study.db).filter((r) => args.options['all'] === true || !retired.has(r.id));
      const proxies = await proxyStates(study, recordings);
      const rows = recordings.map((r, i) => ({
        code: r.code,
        durationMs: r.durationMs,
        segments: segmentGrid(r.durationMs, settings).length,
        dyad: r.dyad,
        session: r.sessionNumber,
        path: r.path,
        container: r.container,
        videoCodec: r.videoCodec,
        audioCodec: r.audioCodec,
        pixFmt: r.pixFmt,
        width: r.width,
        height: r.height,
        fps: r.fps,
        sizeBytes: r.sizeBytes,
        sha256: r.sha256,
        audioOnly: isAudioOnly(r),
        playable: playability(r),
        proxy: proxies[i]!,
        available: recordingAvailability(r),
      }));
      if (args.options['json']) {
        printJson(rows);
        return 0;
      }
      if (rows.length === 0) {
        print('No recordings yet. Add one with "3rs recording add".');
        return 0;
      }
      print(
        table([
          ['CODE', 'LENGTH', 'SEGMENTS', 'MEDIA', 'PLAYBACK', 'PATH'],
          ...rows.map((r, i) => [r.code, formatClock(r.durationMs), String(r.segments), describeMedia(recordings[i]!), describePlayback(r), r.path]),
        ]),
      );
      for (const r of rows.filter((x) => x.audioOnly)) print(`\n${r.code} is ${AUDIO_ONLY_NOTE}`);
      return 0;
    }),
};

const relink: Command = {
  name: 'recording relink',
  positionals: ['FILE', 'NEWPATH'],
  options: { recording: { type: 'string', value: 'CODE', help: 'the recording whose original was moved' }, ...PASSPHRASE_ENV_OPTION },
  required: ['recording'],
  summary: "point a recording at its original's new place; refused unless the file has the same content (SHA-256)",
  run(args) {
    const code = requiredOption(args, 'recording');
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), async (study) => {
      const rec = await withHashProgress((update) => relinkRecording(study.db, code, args.positionals[1]!, cliActor(), update));
      print(`Relinked ${rec.code} to ${rec.path} (same content, checked by SHA-256).`);
      return 0;
    });
  },
};

const locate: Command = {
  name: 'recording locate',
  positionals: ['FILE'],
  options: {
    folder: { type: 'string', value: 'DIR', help: 'the folder (searched with its subfolders) that holds the videos' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['folder'],
  summary: 'link recordings whose originals are not in place to files in a folder with the same content (size, then SHA-256)',
  run(args) {
    const folder = requiredOption(args, 'folder');
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), async (study) => {
      const progress = progressReporter('Reading candidate files');
      let result;
      try {
        result = await locateRecordings(study.db, folder, cliActor(), progress.update);
      } finally {
        progress.end();
      }
      for (const l of result.located) print(`Linked ${l.code} to ${l.path} (same size and SHA-256).`);
      if (result.located.length === 0) print('No recording was linked.');
      if (result.notFound.length > 0) print(`Not found in that folder: ${result.notFound.join(', ')}.`);
      return 0;
    });
  },
};

const rename: Command = {
  name: 'recording rename',
  positionals: ['FILE'],
  options: {
    recording: { type: 'string', value: 'CODE', help: 'the recording to rename' },
    to: { type: 'string', value: 'NEWCODE', help: 'its new code' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['recording', 'to'],
  summary: "give a recording a new code (a lead's change, audited; its codings follow)",
  run(args) {
    const code = requiredOption(args, 'recording');
    const to = requiredOption(args, 'to');
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const rec = renameRecording(study.db, code, to, cliActor());
      print(`Renamed ${code} to ${rec.code}.`);
      return 0;
    });
  },
};

const retire: Command = {
  name: 'recording retire',
  positionals: ['FILE'],
  options: {
    recording: { type: 'string', value: 'CODE', help: 'the recording to retire' },
    restore: { type: 'boolean', help: 'bring a retired recording back' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['recording'],
  summary: 'retire a recording: hidden from lists and new assignments, its codings kept (audited)',
  run(args) {
    const code = requiredOption(args, 'recording');
    const restore = args.options['restore'] === true;
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      setRecordingRetired(study.db, code, !restore, cliActor());
      print(restore ? `${code} is back in the lists.` : `Retired ${code}: hidden from lists and new assignments; its codings stay in the study.`);
      return 0;
    });
  },
};

export const recordingCommands: Command[] = [add, list, relink, locate, rename, retire];
