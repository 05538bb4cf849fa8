// Data the code did not just make — ffprobe's output, the study's stored settings, the undo history — is read
// through a schema: a damaged value is an error that says what to do, and nothing saved changes.

import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addMark, listMarks, redo, undo } from '../../electron/core/coding/marks.ts';
import { writeAsset } from '../../electron/core/media/assets.ts';
import { probeMedia } from '../../electron/core/media/ffmpeg.ts';
import { closeMediaStore, openMediaStore } from '../../electron/core/media/store.ts';
import { readThumbnail, readThumbnails } from '../../electron/core/media/thumbnails.ts';
import { readWaveform } from '../../electron/core/media/waveform.ts';
import { getSettings } from '../../electron/core/store/settings.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

describe("ffprobe's description of a file", () => {
  const saved = process.env['FFPROBE_PATH'];
  afterEach(() => {
    if (saved === undefined) delete process.env['FFPROBE_PATH'];
    else process.env['FFPROBE_PATH'] = saved;
  });

  /** An ffprobe that succeeds but prints `output`; and a file for it to "probe". */
  function probeThatPrints(output: string): string {
    const dir = tempDir();
    const tool = join(dir, 'ffprobe');
    writeFileSync(tool, `#!/bin/sh\ncat <<'EOF'\n${output}\nEOF\n`);
    chmodSync(tool, 0o755);
    process.env['FFPROBE_PATH'] = tool;
    const file = join(dir, 'session.mp4');
    writeFileSync(file, 'not looked at');
    return file;
  }

  it('that is not JSON is an unreadable probe, naming the file and what to check, not a crash', async () => {
    const file = probeThatPrints('Segmentation fault');
    await expect(probeMedia(file)).rejects.toMatchObject({
      code: 'MEDIA_FAILED',
      message: expect.stringMatching(new RegExp(`^ffprobe's description of ${file} cannot be read \\(not JSON .*\\)\\. Check that FFPROBE_PATH`)),
    });
  });

  it('that is JSON of another shape (streams not a list, a width in words) says which field is wrong', async () => {
    const file = probeThatPrints('{"format": {"format_name": "mov,mp4", "duration": "60.0"}, "streams": {"0": {"codec_type": "video"}}}');
    await expect(probeMedia(file)).rejects.toMatchObject({ code: 'MEDIA_FAILED', message: expect.stringContaining('(streams: ') });
    const wide = probeThatPrints('{"format": {"duration": "60.0"}, "streams": [{"codec_type": "video", "width": "wide"}]}');
    await expect(probeMedia(wide)).rejects.toMatchObject({ code: 'MEDIA_FAILED', message: expect.stringContaining('(streams.0.width: ') });
  });

  it('of the expected shape is read as before', async () => {
    const file = probeThatPrints(
      '{"format": {"format_name": "matroska,webm", "duration": "12.5", "bit_rate": "1000"}, "streams": [{"codec_type": "video", "codec_name": "vp9", "width": 320, "height": 240, "avg_frame_rate": "25/1", "tags": {}}]}',
    );
    await expect(probeMedia(file)).resolves.toMatchObject({ container: 'matroska,webm', durationMs: 12_500, videoCodec: 'vp9', fps: 25, width: 320 });
  });
});

describe("the study's settings", () => {
  it('read with a value the table let through (text for the segment length) say the study is damaged, not a crash later', () => {
    const { db } = makeStudy(tempDir());
    db.prepare("UPDATE study SET segment_seconds = 'five minutes' WHERE id = 1").run();
    expect(() => getSettings(db)).toThrow(
      expect.objectContaining({
        code: 'STUDY_CORRUPT',
        message: expect.stringMatching(/^The study's settings are damaged \(segment_seconds: .*\)\. Restore the study from a backup\.$/),
      }),
    );
  });

  it('read as they are stored otherwise', () => {
    const { db } = makeStudy(tempDir(), 120);
    expect(getSettings(db)).toMatchObject({ segmentSeconds: 120, blindCoding: true });
  });
});

describe('the undo history of a coding', () => {
  function coded() {
    const study = makeStudy(tempDir(), 60);
    addFakeRecording(study, 'D01-S01', 300_000);
    addTestCoder(study, 'C01');
    addMark(study.db, 'D01-S01', 'C01', { code: 'W1', clarity: 'check', timeMs: 10_000 }, ACTOR);
    return study.db;
  }
  const marks = (db: ReturnType<typeof coded>) => listMarks(db, 'D01-S01', 'C01').map((m) => `${m.code}@${m.timeMs}`);

  it('with a damaged step stops undo with a clear error, and the marks stay as they were', () => {
    const db = coded();
    const stored = (db.prepare('SELECT after FROM edit_ops').get() as { after: string }).after;
    db.prepare('UPDATE edit_ops SET after = ?').run(stored.replace('"clarity":"check"', '"clarity":"certain"'));
    expect(() => undo(db, 'D01-S01', 'C01', ACTOR)).toThrow(
      expect.objectContaining({
        code: 'STUDY_CORRUPT',
        message: expect.stringMatching(/^The undo history of this coding is damaged \(step 1: clarity: .*\)\. Restore the study from a backup\.$/),
      }),
    );
    expect(marks(db)).toEqual(['W1@10000']);
  });

  it('with a step that is not JSON stops redo the same way', () => {
    const db = coded();
    undo(db, 'D01-S01', 'C01', ACTOR);
    db.prepare(`UPDATE edit_ops SET after = '{"id": 1, "code": ' WHERE state = 'undone'`).run();
    expect(() => redo(db, 'D01-S01', 'C01', ACTOR)).toThrow(
      expect.objectContaining({ code: 'STUDY_CORRUPT', message: expect.stringMatching(/damaged \(step 1: not JSON/) }),
    );
    expect(marks(db)).toEqual([]);
  });
});

describe('the params stored with a recording’s filmstrip and waveform', () => {
  /** A recording with a two-picture filmstrip and a waveform in its media file, as prepareMedia leaves them. */
  async function prepared() {
    const study = makeStudy(tempDir());
    const rec = addFakeRecording(study, 'D01-S01', 60_000);
    const media = openMediaStore(study, ACTOR);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    const thumbs = { everySeconds: 30, count: 2, width: 160, height: 120, offsets: [0, 4, 8] };
    await writeAsset(media, { recordingSha256: rec.sha256, kind: 'thumbs', contentType: 'image/jpeg', params: thumbs }, [jpeg, jpeg]);
    const peaks = Buffer.alloc(8);
    const wave = { bucketsPerSecond: 20, sampleRate: 8000 };
    await writeAsset(media, { recordingSha256: rec.sha256, kind: 'waveform', contentType: 'application/octet-stream', params: wave }, [peaks]);
    return {
      media,
      damage: (kind: string, params: string) => media.db.prepare('UPDATE assets SET params = ? WHERE kind = ?').run(params, kind),
      close: () => {
        closeMediaStore(media);
        closeStudy(study);
      },
    };
  }

  it('are read as stored', async () => {
    const { media, close } = await prepared();
    expect(readThumbnails(media, 'D01-S01')).toEqual({ everySeconds: 30, count: 2, width: 160, height: 120 });
    expect(readThumbnail(media, 'D01-S01', 1)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    expect(readWaveform(media, 'D01-S01').bucketsPerSecond).toBe(20);
    close();
  });

  it('damaged (offsets that do not match the pictures, a rate in words) say to prepare the media again, never read a wrong picture', async () => {
    const { media, damage, close } = await prepared();
    damage('thumbs', '{"everySeconds": 30, "count": 2, "width": 160, "height": 120, "offsets": [0, 4]}');
    expect(() => readThumbnail(media, 'D01-S01', 1)).toThrow(
      expect.objectContaining({
        code: 'MEDIA_FAILED',
        message: expect.stringMatching(/^The stored filmstrip of D01-S01 is damaged \(offsets: .*\)\. Prepare the media of D01-S01 again/),
      }),
    );
    damage('waveform', '{"bucketsPerSecond": "twenty"}');
    expect(() => readWaveform(media, 'D01-S01')).toThrow(
      expect.objectContaining({
        code: 'MEDIA_FAILED',
        message: expect.stringMatching(/^The stored waveform of D01-S01 is damaged \(bucketsPerSecond: /),
      }),
    );
    damage('waveform', 'not json');
    expect(() => readWaveform(media, 'D01-S01')).toThrow(
      expect.objectContaining({ code: 'MEDIA_FAILED', message: expect.stringContaining('(not JSON') }),
    );
    close();
  });
});
