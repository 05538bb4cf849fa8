import { segmentGrid } from '../../core/coding/index.ts';
import { formatClock } from '../../core/io/time-format.ts';
import { addRecording } from '../../core/recordings/add-recording.ts';
import { listRecordings, type Recording } from '../../core/recordings/registry.ts';
import { getSettings } from '../../core/store/settings.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, wholeNumberOption, type Command } from '../command.ts';
import { print, printJson, progressReporter, table } from '../output.ts';
import { cliActor, withStudy } from '../study-session.ts';

function describeMedia(r: Recording): string {
  const video = r.videoCodec ? `${r.videoCodec} ${r.width}x${r.height}${r.fps ? ` at ${r.fps} fps` : ''}` : 'no video';
  return `${video}, ${r.audioCodec ?? 'no audio'}`;
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
      const progress = progressReporter('Reading the recording');
      let rec: Recording;
      try {
        rec = await addRecording(study.db, input, cliActor(), progress.update);
      } finally {
        progress.end();
      }
      const segments = segmentGrid(rec.durationMs, getSettings(study.db).segmentSeconds).length;
      print(`Added ${rec.code}: ${formatClock(rec.durationMs)}, ${describeMedia(rec)}; ${segments} segment${segments === 1 ? '' : 's'}.`);
      print(`The original stays at ${rec.path} and is never changed.`);
      return 0;
    });
  },
};

const list: Command = {
  name: 'recording list',
  positionals: ['FILE'],
  options: { json: { type: 'boolean', help: 'print JSON' }, ...PASSPHRASE_ENV_OPTION },
  summary: 'list the recordings of a study',
  run: (args) =>
    withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const { segmentSeconds } = getSettings(study.db);
      const recordings = listRecordings(study.db);
      const rows = recordings.map((r) => ({
        code: r.code,
        durationMs: r.durationMs,
        segments: segmentGrid(r.durationMs, segmentSeconds).length,
        dyad: r.dyad,
        session: r.sessionNumber,
        path: r.path,
        container: r.container,
        videoCodec: r.videoCodec,
        audioCodec: r.audioCodec,
        width: r.width,
        height: r.height,
        fps: r.fps,
        sizeBytes: r.sizeBytes,
        sha256: r.sha256,
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
          ['CODE', 'LENGTH', 'SEGMENTS', 'MEDIA', 'PATH'],
          ...rows.map((r, i) => [r.code, formatClock(r.durationMs), String(r.segments), describeMedia(recordings[i]!), r.path]),
        ]),
      );
      return 0;
    }),
};

export const recordingCommands: Command[] = [add, list];
