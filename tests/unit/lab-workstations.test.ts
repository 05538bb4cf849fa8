// Three machines' worth of studies — the lead's and two coders' workstations — exchanging packets through the
// command line, as a lab would with a USB stick: the lead's reliability report from the merged study equals the
// one from the same codings made in a single study.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMarks, importRatings } from '../../electron/core/coding/index.ts';
import { addRecording } from '../../electron/core/recordings/add-recording.ts';
import { ratingItemIds, scheme3rs2015 } from '../../electron/core/scheme/index.ts';
import { addCoder } from '../../electron/core/store/coders.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { PASS_ENV, run3rs, useSharedDir, WITH_PASS } from '../helpers/cli.ts';
import { ACTOR, makeStudy } from '../helpers/study.ts';
import { makeTestVideo } from '../helpers/video.ts';

const dir = useSharedDir();

async function ok(...args: string[]): Promise<string> {
  const result = await run3rs([...args, ...WITH_PASS], { env: PASS_ENV });
  expect(result.stderr, args.join(' ')).toBe('');
  expect(result.code, args.join(' ')).toBe(0);
  return result.stdout;
}

const MARKS = {
  C01: {
    'D01-S01': ['time,code,clarity,note', '1,W1,check,', '12,W1,check,', '15,C2,check-minus,pushes back', '18,R4,check,'],
    'D01-S02': ['time,code,clarity,note', '3,C1,check,', '21,R1,check,'],
  },
  C02: {
    'D01-S01': ['time,code,clarity,note', '2,W1,check,', '16,C2,check,', '19,R5,check-minus,'],
    'D01-S02': ['time,code,clarity,note', '4,C1,check,', '13,W2,check,'],
  },
} as const;

function ratings(coder: 'C01' | 'C02', recording: string): string {
  const items = ratingItemIds(scheme3rs2015);
  return ['item,value', ...items.map((item, i) => `${item},${1 + ((i + (coder === 'C01' ? 0 : 1) + recording.length) % 5)}`)].join('\n');
}

async function codeOnWorkstation(study: string, coder: 'C01' | 'C02'): Promise<void> {
  for (const [recording, lines] of Object.entries(MARKS[coder])) {
    const marks = join(dir(), `${coder}-${recording}-marks.csv`);
    const rates = join(dir(), `${coder}-${recording}-ratings.csv`);
    writeFileSync(marks, lines.join('\n'));
    writeFileSync(rates, ratings(coder, recording));
    await ok('events', 'import', study, '--recording', recording, '--coder', coder, marks);
    await ok('ratings', 'import', study, '--recording', recording, '--coder', coder, rates);
  }
}

describe('a lab of three workstations', () => {
  it('assigns, codes, returns and imports by command line, and the merged study reports as one study would', async () => {
    const at = (name: string) => join(dir(), name);
    for (const folder of ['lead-videos', 'usb', 'inbox', 'C01-drive', 'C02-drive']) mkdirSync(at(folder));
    const videos = { 'D01-S01': 20, 'D01-S02': 25 };
    for (const [code, seconds] of Object.entries(videos)) {
      await makeTestVideo(at('lead-videos'), { seconds, name: `${code}.mp4` });
      // The coders' copies have other names and folders: they are found by content.
      await makeTestVideo(at('C01-drive'), { seconds, name: `session ${seconds}.mp4` });
      await makeTestVideo(at('C02-drive'), { seconds, name: `${seconds}-copy.mp4` });
    }

    const lab = at('lab.3rs');
    await ok('study', 'create', lab, '--segment-seconds', '10');
    await ok('identity', 'create', lab, '--code', 'L01', '--name', 'Lena Leadington');
    for (const code of Object.keys(videos)) await ok('recording', 'add', lab, at(`lead-videos/${code}.mp4`), '--code', code);

    const work = { C01: at('C01.3rs'), C02: at('C02.3rs') };
    for (const coder of ['C01', 'C02'] as const) {
      await ok('study', 'create', work[coder]);
      await ok('identity', 'create', work[coder], '--code', coder, '--name', `${coder} Person`, '--role', 'coder');
      const card = JSON.parse(await ok('identity', 'show', work[coder], '--json')) as { card: string; fingerprint: string };
      const added = await ok('coder', 'add', lab, '--code', coder, '--identity', card.card);
      expect(added).toContain(`Fingerprint: ${card.fingerprint}`);
      expect(await ok('packet', 'assign', lab, '--coder', coder, '--out', at('usb'))).toContain(`Wrote assignment 1 for ${coder}`);
      expect(await ok('packet', 'open', at(`usb/${coder}-assignment-1.age`), '--study', work[coder])).toMatch(/Your lead's fingerprint: \d{5}/);
      const located = await ok('recording', 'locate', work[coder], '--folder', at(`${coder}-drive`));
      expect(located).toContain('Linked D01-S01');
      expect(located).toContain('Linked D01-S02');
      await codeOnWorkstation(work[coder], coder);
      await ok('packet', 'return', work[coder], '--out', at('inbox'));
    }

    const inspected = await ok('packet', 'inspect', lab, at('inbox/C01-return-1.age'));
    expect(inspected).toContain('D01-S01: 4 marks added, 0 changed, 0 deleted; 28 ratings changed; status not started → in progress');
    const imported = await ok('packet', 'import', lab, '--folder', at('inbox'));
    expect(imported.match(/imported return packet 1 from/g)).toHaveLength(2);
    expect(await ok('packet', 'import', lab, at('inbox/C02-return-1.age'))).toContain('already imported; nothing changed');

    // The same codings, made in one study (through the core: the command line is what is under test above).
    const one = makeStudy(dir(), 10, 'single.3rs');
    for (const code of Object.keys(videos)) await addRecording(one.db, { videoPath: at(`lead-videos/${code}.mp4`), code }, ACTOR);
    for (const coder of ['C01', 'C02'] as const) {
      addCoder(one.db, { code: coder, name: `${coder} Person` }, ACTOR);
      for (const [recording, lines] of Object.entries(MARKS[coder])) {
        const marks = (lines as readonly string[]).slice(1).map((line) => {
          const [time, code, clarity, note] = line.split(',');
          return { timeMs: Number(time) * 1000, code: code!, clarity: clarity as 'check' | 'check-minus', note: note ?? '' };
        });
        importMarks(one.db, recording, coder, marks, ACTOR);
        importRatings(
          one.db,
          recording,
          coder,
          ratings(coder, recording)
            .split('\n')
            .slice(1)
            .map((l) => ({ item: l.split(',')[0]!, value: Number(l.split(',')[1]) })),
          ACTOR,
        );
      }
    }
    closeStudy(one);
    const single = one.path;
    const report = (study: string) => run3rs(['reliability', study, '--coders', 'C01,C02', '--json', ...WITH_PASS], { env: PASS_ENV });
    const [merged, alone] = [await report(lab), await report(single)];
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(alone.stdout));
    expect(merged.stderr).toBe(alone.stderr);
    expect(await ok('study', 'verify', lab)).toContain('All checks passed.');
  }, 400_000);
});
