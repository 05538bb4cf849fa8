import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { prepareMedia } from '../../electron/core/media/prepare.ts';
import { mediaSourceFor } from '../../electron/core/media/sources.ts';
import { closeMediaStore, openMediaStore } from '../../electron/core/media/store.ts';
import { addRecording } from '../../electron/core/recordings/add-recording.ts';
import { recordingAvailability } from '../../electron/core/recordings/availability.ts';
import { relinkRecording } from '../../electron/core/recordings/relink.ts';
import { getRecording } from '../../electron/core/recordings/registry.ts';
import { studyInfo } from '../../electron/core/store/info.ts';
import { closeStudy, type Study } from '../../electron/core/store/study-file.ts';
import { ACTOR, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';
import { makeClip } from '../helpers/video.ts';

const tempDir = useTempDir('3rs-import-');

/** What a failed import must leave exactly as it was: the counts and the audit trail. */
const snapshot = (study: Study) => ({ info: studyInfo(study.db), audit: listAudit(study.db).length });

async function withStudy(use: (study: Study, dir: string) => Promise<void>): Promise<void> {
  const dir = join(tempDir(), 'dossier de l’étude');
  mkdirSync(dir);
  const study = makeStudy(dir);
  try {
    await use(study, dir);
  } finally {
    closeStudy(study);
  }
}

describe('reading a recording that changes under our feet', () => {
  it('a file deleted while it is being hashed is refused, and the study is unchanged', () =>
    withStudy(async (study, dir) => {
      const path = await makeClip(dir, { format: 'h264-mp4', seconds: 6, name: 'séance supprimée.mp4' });
      const before = snapshot(study);
      const adding = addRecording(study.db, { videoPath: path, code: 'D01-S01' }, ACTOR, () => rmSync(path, { force: true }));
      await expect(adding).rejects.toMatchObject({
        code: 'FILE_NOT_FOUND',
        message: expect.stringMatching(/séance supprimée\.mp4 was deleted or moved while it was being read/),
      });
      expect(snapshot(study)).toEqual(before);
    }));

  it('a file that grows while it is being hashed (still being copied) is refused, and the study is unchanged', () =>
    withStudy(async (study, dir) => {
      const path = await makeClip(dir, { format: 'h264-mp4', seconds: 6, name: 'copie en cours.mp4' });
      const before = snapshot(study);
      const adding = addRecording(study.db, { videoPath: path, code: 'D01-S01' }, ACTOR, () => appendFileSync(path, Buffer.alloc(10)));
      await expect(adding).rejects.toMatchObject({
        code: 'IO_ERROR',
        message: expect.stringMatching(/changed while it was being read.*still being copied/),
      });
      expect(snapshot(study)).toEqual(before);
    }));
});

describe('an original that has vanished or moved', () => {
  it('is seen as missing or changed, the player is told to relink, and relinking checks the content', () =>
    withStudy(async (study, dir) => {
      const path = await makeClip(dir, { format: 'h264-mp4', seconds: 6, name: 'séance 1.mp4' });
      const rec = await addRecording(study.db, { videoPath: path, code: 'D01-S01' }, ACTOR);
      const media = openMediaStore(study, ACTOR);
      try {
        expect(recordingAvailability(rec)).toBe('ok');
        const moved = join(dir, 'archive', 'séance 1 (copie).mp4');
        mkdirSync(join(dir, 'archive'));
        renameSync(path, moved);
        expect(recordingAvailability(rec)).toBe('missing');
        expect(() => mediaSourceFor({ study, media }, 'D01-S01')).toThrow(
          expect.objectContaining({
            code: 'FILE_NOT_FOUND',
            message: expect.stringMatching(/original of D01-S01 is no longer at .*séance 1\.mp4.*relink/),
          }),
        );

        // Another file put in its place is not taken for it.
        writeFileSync(path, 'not the recording');
        expect(recordingAvailability(rec)).toBe('changed');
        expect(() => mediaSourceFor({ study, media }, 'D01-S01')).toThrow(
          expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/Relink D01-S01/) }),
        );

        const before = snapshot(study);
        const other = await makeClip(dir, { format: 'vp9-webm', seconds: 3, name: 'autre.webm' });
        await expect(relinkRecording(study.db, 'D01-S01', other, ACTOR)).rejects.toMatchObject({
          code: 'CONFLICT',
          message: expect.stringMatching(/autre\.webm is a different recording, not D01-S01: its size is \d+ bytes/),
        });
        const sameSize = join(dir, 'même taille.mp4');
        const bytes = readFileSync(moved);
        bytes[100]! ^= 0x01;
        writeFileSync(sameSize, bytes);
        await expect(relinkRecording(study.db, 'D01-S01', sameSize, ACTOR)).rejects.toMatchObject({
          code: 'CONFLICT',
          message: expect.stringMatching(/its content differs/),
        });
        await expect(relinkRecording(study.db, 'D01-S01', join(dir, 'nulle part.mp4'), ACTOR)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
        expect(snapshot(study)).toEqual(before);

        const progress: number[] = [];
        const relinked = await relinkRecording(study.db, 'D01-S01', moved, ACTOR, (done) => progress.push(done));
        expect(relinked.path).toBe(moved);
        expect(progress.at(-1)).toBe(rec.sizeBytes);
        expect(listAudit(study.db)[0]).toMatchObject({ action: 'recording.relink', entityId: 'D01-S01' });
        const source = mediaSourceFor({ study, media }, 'D01-S01');
        expect((await buffer(source.open(0, source.size - 1))).equals(readFileSync(moved))).toBe(true);
      } finally {
        closeMediaStore(media);
      }
    }));

  it('a recording with a ready proxy still plays when its original is gone', () =>
    withStudy(async (study, dir) => {
      const path = await makeClip(dir, { format: 'wmv', seconds: 3, name: 'ancienne caméra.wmv' });
      await addRecording(study.db, { videoPath: path, code: 'D02-S01' }, ACTOR);
      const media = openMediaStore(study, ACTOR);
      try {
        await prepareMedia({ study, media }, 'D02-S01', { actor: ACTOR });
        rmSync(path);
        expect(recordingAvailability(getRecording(study.db, 'D02-S01'))).toBe('missing');
        expect(mediaSourceFor({ study, media }, 'D02-S01')).toMatchObject({ contentType: 'video/mp4', size: expect.any(Number) });
        // Preparing again needs the original, and says how to find it.
        await expect(prepareMedia({ study, media }, 'D02-S01', { actor: ACTOR })).rejects.toMatchObject({
          code: 'FILE_NOT_FOUND',
          message: expect.stringMatching(/relink/),
        });
      } finally {
        closeMediaStore(media);
      }
    }));
});
