// The passphrase handed in through --passphrase-env never reaches a program the CLI starts (ffprobe, ffmpeg).
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASS_ENV, run3rs, useSharedDir, WITH_PASS } from '../helpers/cli.ts';
import { PASSPHRASE } from '../helpers/study.ts';

const dir = useSharedDir();

describe('--passphrase-env', () => {
  it('the variable is removed once read: the ffprobe the command starts sees neither it nor the passphrase', async () => {
    const study = join(dir(), 'study.3rs');
    expect((await run3rs(['study', 'create', study, ...WITH_PASS], { env: PASS_ENV })).code).toBe(0);
    // A stand-in ffprobe that writes down the environment it was given.
    const dump = join(dir(), 'env seen by ffprobe.txt');
    const probe = join(dir(), 'ffprobe');
    writeFileSync(probe, `#!/bin/sh\nenv > "$ENV_DUMP"\nexit 1\n`);
    chmodSync(probe, 0o700);
    const video = join(dir(), 'session.mp4');
    writeFileSync(video, Buffer.alloc(4096, 1));
    const r = await run3rs(['recording', 'add', study, video, '--code', 'D01-S01', ...WITH_PASS], {
      env: { ...PASS_ENV, FFPROBE_PATH: probe, ENV_DUMP: dump },
    });
    expect(r.code).not.toBe(0); // the stand-in cannot probe anything
    const seen = readFileSync(dump, 'utf8');
    expect(seen).toContain('ENV_DUMP=');
    expect(seen).not.toContain('STUDY_PASS');
    expect(seen).not.toContain(PASSPHRASE);
  });
});
