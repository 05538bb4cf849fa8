import { formatClock } from '../../core/io/time-format.ts';
import { DEFAULT_THUMBNAIL_SECONDS, prepareMedia, type PrepareProgress, type PrepareResult, type PrepareStage } from '../../core/media/prepare.ts';
import { sweepStaleMediaTemp } from '../../core/media/temp-sweep.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, wholeNumberOption, type Command } from '../command.ts';
import { print } from '../output.ts';
import { cliActor, withMediaStore, withStudy } from '../study-session.ts';

const STAGE_LABEL: Record<PrepareStage, string> = { proxy: 'Playable copy', thumbnails: 'Filmstrip', waveform: 'Waveform' };
const BAR_WIDTH = 24;

const timeLeft = (p: PrepareProgress): string =>
  p.etaSeconds === null || p.percent === 100 ? '' : `, about ${formatClock(p.etaSeconds * 1000)} left`;

/**
 * Progress on stderr: a bar that rewrites itself on a terminal; for a log or pipe, one line per stage
 * every 10 %, so the output stays short.
 */
function progressDisplay(): { update(p: PrepareProgress): void; end(): void } {
  const tty = process.stderr.isTTY;
  let current: PrepareStage | null = null;
  let lastTenth = -1;
  return {
    update(p) {
      if (p.stage !== current) {
        if (tty && current !== null) process.stderr.write('\n');
        current = p.stage;
        lastTenth = -1;
      }
      const label = STAGE_LABEL[p.stage].padEnd(13);
      if (tty) {
        const filled = Math.round((p.percent / 100) * BAR_WIDTH);
        process.stderr.write(
          `\r\x1b[K${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(p.percent).padStart(3)}%${timeLeft(p)}`,
        );
        return;
      }
      const tenth = Math.floor(p.percent / 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      process.stderr.write(`${label} ${p.percent}%${timeLeft(p)}\n`);
    },
    end() {
      if (tty && current !== null) process.stderr.write('\n');
    },
  };
}

const bytes = (n: number): string => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

function summary(code: string, r: PrepareResult): string[] {
  return [
    `Prepared the media of ${code}, encrypted in the study's media file:`,
    r.proxy ? `  playable copy: ${bytes(r.proxy.bytes)} (${r.proxy.contentType})` : '  playable copy: not needed, the original plays as it is',
    r.thumbnails
      ? `  filmstrip: ${r.thumbnails.count} picture${r.thumbnails.count === 1 ? '' : 's'}, one every ${r.thumbnails.everySeconds} s`
      : '  filmstrip: none (audio only)',
    r.waveform ? `  waveform: ${r.waveform.buckets} peaks` : '  waveform: none (no sound)',
  ];
}

const prepare: Command = {
  name: 'media prepare',
  positionals: ['FILE'],
  options: {
    recording: { type: 'string', value: 'CODE', help: 'the recording to prepare' },
    'thumbnail-seconds': { type: 'string', value: 'N', help: `seconds between filmstrip pictures (default ${DEFAULT_THUMBNAIL_SECONDS})` },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['recording'],
  summary: 'make the playable copy (when needed), filmstrip and waveform of a recording, encrypted; Ctrl-C cancels',
  async run(args) {
    const code = requiredOption(args, 'recording');
    const thumbnailEverySeconds = wholeNumberOption(args, 'thumbnail-seconds', String(DEFAULT_THUMBNAIL_SECONDS));
    // Plaintext an older version's killed job left in the temp dir goes before any new work.
    await sweepStaleMediaTemp();
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) =>
      withMediaStore(study, async (media) => {
        const controller = new AbortController();
        // The first Ctrl-C cancels cleanly (ffmpeg stopped, nothing kept); a second one quits at once.
        const cancel = () => controller.abort();
        process.once('SIGINT', cancel);
        const progress = progressDisplay();
        let result: PrepareResult;
        try {
          result = await prepareMedia({ study, media }, code, {
            onProgress: progress.update,
            signal: controller.signal,
            ...(thumbnailEverySeconds === undefined ? {} : { thumbnailEverySeconds }),
            actor: cliActor(),
          });
        } finally {
          progress.end();
          process.removeListener('SIGINT', cancel);
        }
        for (const line of summary(code, result)) print(line);
        return 0;
      }),
    );
  },
};

export const mediaCommands: Command[] = [prepare];
