import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMarks } from '../../electron/core/coding/index.ts';
import { exportStudy } from '../../electron/core/export/index.ts';
import { sdisTime } from '../../electron/core/export/sdis.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

interface SdisEvent {
  code: string;
  onset: number;
  offset: number | null;
}
interface SdisSession {
  label: string | null;
  start: number;
  end: number;
  events: SdisEvent[];
}

/**
 * A reader of SDIS timed-event files by the published grammar (Bakeman & Quera 1995; GSEQ's SDIS): a
 * declaration — the data type "Timed", then the codes — ended by ";"; then sessions, each an optional
 * <label>, a start time written ",time", events written "code,onset" or "code,onset-offset", and an end
 * time ",time" followed by "/". Tokens are separated by white space. Times are [h:]m:ss with an optional
 * decimal fraction. Anything else is a syntax error.
 */
function parseSdis(text: string): { type: string; codes: string[]; sessions: SdisSession[] } {
  const semicolon = text.indexOf(';');
  if (semicolon < 0) throw new Error('no declaration: it ends with ";"');
  const [type, ...codes] = text.slice(0, semicolon).trim().split(/\s+/);
  const CODE = /^[A-Za-z][A-Za-z0-9_]*$/;
  for (const code of codes) if (!CODE.test(code)) throw new Error(`bad code "${code}" in the declaration`);
  const time = (t: string): number => {
    const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d+))?$/.exec(t);
    if (!m) throw new Error(`bad time "${t}"`);
    const [, h = '0', min, s, frac = ''] = m;
    return (Number(h) * 3600 + Number(min) * 60 + Number(s)) * 1000 + Math.round(Number(`0.${frac || '0'}`) * 1000);
  };
  const sessions: SdisSession[] = [];
  // Labels may hold spaces: take each <…> as one token.
  const tokens = text.slice(semicolon + 1).match(/<[^>]*>|\S+/g) ?? [];
  let current: Partial<SdisSession> & { events: SdisEvent[] } = { events: [] };
  for (const token of tokens) {
    if (token.startsWith('<')) {
      if (current.start !== undefined || current.label !== undefined) throw new Error(`label ${token} inside a session`);
      current.label = token.slice(1, -1);
    } else if (token.startsWith(',')) {
      const ends = token.endsWith('/');
      const t = time(token.slice(1, ends ? -1 : undefined));
      if (current.start === undefined) {
        if (ends) throw new Error('a session ends before it starts');
        current.start = t;
      } else {
        if (!ends) throw new Error(`a second start time ${token} in a session`);
        sessions.push({ label: current.label ?? null, start: current.start, end: t, events: current.events });
        current = { events: [] };
      }
    } else {
      const m = /^([A-Za-z][A-Za-z0-9_]*),([^-]+)(?:-(.+))?$/.exec(token);
      if (!m) throw new Error(`bad event "${token}"`);
      if (current.start === undefined) throw new Error(`event ${token} before the session's start time`);
      if (!codes.includes(m[1]!)) throw new Error(`code ${m[1]} is not declared`);
      current.events.push({ code: m[1]!, onset: time(m[2]!), offset: m[3] ? time(m[3]) : null });
    }
  }
  if (current.start !== undefined) throw new Error('the last session has no end (",time/")');
  return { type: type!, codes, sessions };
}

/** 10-second segments; D01-S01 25.3 s (3 segments), D01-S02 12 s (2: the final 2 s is not below the 2 s minimum). */
function setup() {
  const study = makeStudy(tempDir(), 10);
  addFakeRecording(study, 'D01-S01', 25_300);
  addFakeRecording(study, 'D01-S02', 12_000);
  for (const c of ['C01', 'C02']) addTestCoder(study, c);
  importMarks(
    study.db,
    'D01-S01',
    'C01',
    [
      { code: 'W1', clarity: 'check', timeMs: 1_250 },
      { code: 'C2', clarity: 'check-minus', timeMs: 10_000 },
      { code: 'R4', clarity: 'check', timeMs: 24_999 },
    ],
    ACTOR,
  );
  importMarks(
    study.db,
    'D01-S01',
    'C02',
    [
      { code: 'W1', clarity: 'check', timeMs: 3_000 },
      // Twice at one instant, which is one event, on a segment start; the first W1 is another.
      { code: 'W1', clarity: 'check', timeMs: 10_000 },
      { code: 'W1', clarity: 'check-minus', timeMs: 10_000 },
    ],
    ACTOR,
  );
  importMarks(study.db, 'D01-S02', 'C01', [{ code: 'R10', clarity: 'check', timeMs: 12_000 }], ACTOR);
  return study;
}

function exportedSdis(options: { checkMinus?: 'present' | 'absent'; format?: 'csv' | 'json' } = {}) {
  const outDir = join(tempDir(), 'export');
  const { manifest } = exportStudy(setup().db, { outDir, ...options });
  return { text: readFileSync(join(outDir, 'sequences.sds'), 'utf8'), manifest };
}

describe('the SDIS sequence file for GSEQ', () => {
  it('is in every export, whatever its format, and the manifest counts its sessions', () => {
    for (const format of ['csv', 'json'] as const) {
      expect(exportedSdis({ format }).manifest.files.find((f) => f.name === 'sequences.sds')).toMatchObject({ rows: 3 });
    }
  });

  it('parses back by the SDIS grammar: a Timed declaration of every code and SEG, one session per coding', () => {
    const { type, codes, sessions } = parseSdis(exportedSdis().text);
    expect(type).toBe('Timed');
    expect(codes).toHaveLength(25);
    expect(codes.slice(0, 2)).toEqual(['W1', 'W2']);
    expect(codes.at(-1)).toBe('SEG');
    expect(sessions.map((s) => s.label)).toEqual(['D01-S01 C01', 'D01-S01 C02', 'D01-S02 C01']);
  });

  it('holds each mark at its time and a SEG at each segment start, from time zero to the end of the recording', () => {
    const [c01, c02, s02] = parseSdis(exportedSdis().text).sessions;
    expect(c01).toEqual({
      label: 'D01-S01 C01',
      start: 0,
      end: 25_300,
      events: [
        { code: 'SEG', onset: 0, offset: null },
        { code: 'W1', onset: 1_250, offset: null },
        { code: 'SEG', onset: 10_000, offset: null },
        { code: 'C2', onset: 10_000, offset: null },
        { code: 'SEG', onset: 20_000, offset: null },
        { code: 'R4', onset: 24_999, offset: null },
      ],
    });
    expect(c02!.events.map((e) => `${e.code}@${e.onset}`)).toEqual(['SEG@0', 'W1@3000', 'SEG@10000', 'W1@10000', 'SEG@20000']);
    // A mark on the recording's last millisecond still lies inside its session: the session ends after it.
    expect(s02).toMatchObject({ start: 0, end: 12_001 });
    for (const session of [c01!, c02!, s02!]) {
      for (const e of session.events) expect(e.onset >= session.start && e.onset < session.end, `${session.label} ${e.code}`).toBe(true);
    }
  });

  it('leaves out a check-minus mark when the export counts check-minus as absent', () => {
    const [c01] = parseSdis(exportedSdis({ checkMinus: 'absent' }).text).sessions;
    expect(c01!.events.map((e) => e.code)).toEqual(['SEG', 'W1', 'SEG', 'SEG', 'R4']);
  });

  it('writes times as h:mm:ss.fff, to the millisecond', () => {
    expect(sdisTime(0)).toBe('0:00:00.000');
    expect(sdisTime(3_723_045)).toBe('1:02:03.045');
    expect(exportedSdis().text.split('\n')[1]).toBe(
      '<D01-S01 C01> ,0:00:00.000 SEG,0:00:00.000 W1,0:00:01.250 SEG,0:00:10.000 C2,0:00:10.000 SEG,0:00:20.000 R4,0:00:24.999 ,0:00:25.300/',
    );
  });
});
