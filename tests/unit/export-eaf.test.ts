import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { importMarks } from '../../electron/core/coding/index.ts';
import { exportEaf } from '../../electron/core/export/index.ts';
import type { Study } from '../../electron/core/store/study-file.ts';
import { ACTOR, addFakeRecording, addTestCoder, makeStudy } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

interface Annotation {
  ALIGNABLE_ANNOTATION: { '@_ANNOTATION_ID': string; '@_TIME_SLOT_REF1': string; '@_TIME_SLOT_REF2': string; ANNOTATION_VALUE: string };
}
interface Tier {
  '@_TIER_ID': string;
  '@_LINGUISTIC_TYPE_REF': string;
  '@_ANNOTATOR': string;
  ANNOTATION?: Annotation[];
}
interface Eaf {
  ANNOTATION_DOCUMENT: {
    '@_FORMAT': string;
    '@_VERSION': string;
    '@_AUTHOR': string;
    HEADER: { '@_MEDIA_FILE': string; '@_TIME_UNITS': string; MEDIA_DESCRIPTOR?: unknown };
    TIME_ORDER: { TIME_SLOT?: { '@_TIME_SLOT_ID': string; '@_TIME_VALUE': string }[] };
    TIER: Tier[];
    LINGUISTIC_TYPE: { '@_LINGUISTIC_TYPE_ID': string; '@_TIME_ALIGNABLE': string }[];
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['TIER', 'ANNOTATION', 'TIME_SLOT', 'LINGUISTIC_TYPE'].includes(name),
});

function setup(): Study {
  const study = makeStudy(tempDir(), 60);
  addFakeRecording(study, 'D01-S01', 10 * 60_000);
  for (const c of ['C01', 'C02', 'C03']) addTestCoder(study, c);
  importMarks(
    study.db,
    'D01-S01',
    'C01',
    [
      { code: 'W1', clarity: 'check', timeMs: 10_000 },
      // Mixed markers on one speech turn: withdrawal and confrontation at the same moment.
      { code: 'W3', clarity: 'check-minus', timeMs: 70_000 },
      { code: 'C2', clarity: 'check', timeMs: 70_000 },
      // Two withdrawal codes at one time share an annotation; one 400 ms later cuts the first one short.
      { code: 'W4', clarity: 'check', timeMs: 70_000 },
      { code: 'W5', clarity: 'check', timeMs: 70_400 },
      { code: 'R1', clarity: 'check', timeMs: 130_000 },
    ],
    ACTOR,
  );
  importMarks(study.db, 'D01-S01', 'C02', [{ code: 'W1', clarity: 'check-minus', timeMs: 12_000 }], ACTOR);
  return study;
}

function parsed(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = (parser.parse(xml) as Eaf).ANNOTATION_DOCUMENT;
  const slots = new Map((doc.TIME_ORDER.TIME_SLOT ?? []).map((s) => [s['@_TIME_SLOT_ID'], Number(s['@_TIME_VALUE'])]));
  const annotations = (tier: Tier) =>
    (tier.ANNOTATION ?? []).map(({ ALIGNABLE_ANNOTATION: a }) => [
      slots.get(a['@_TIME_SLOT_REF1']),
      slots.get(a['@_TIME_SLOT_REF2']),
      a.ANNOTATION_VALUE,
    ]);
  return { doc, tier: (id: string) => annotations(doc.TIER.find((t) => t['@_TIER_ID'] === id)!) };
}

describe('ELAN export of one recording', () => {
  it('is an EAF 3.0 document with a tier per coder and category and no media path', () => {
    const { xml, tiers, annotations } = exportEaf(setup().db, 'D01-S01');
    const { doc } = parsed(xml);
    expect(doc).toMatchObject({ '@_FORMAT': '3.0', '@_VERSION': '3.0', '@_AUTHOR': '' });
    expect(doc.HEADER).toMatchObject({ '@_MEDIA_FILE': '', '@_TIME_UNITS': 'milliseconds' });
    expect(doc.HEADER.MEDIA_DESCRIPTOR).toBeUndefined();
    // C03 has not coded the recording, so by default it has no tiers.
    const ids = ['C01 withdrawal', 'C01 confrontation', 'C01 resolution', 'C02 withdrawal', 'C02 confrontation', 'C02 resolution'];
    expect(doc.TIER.map((t) => t['@_TIER_ID'])).toEqual(ids);
    expect(tiers).toEqual(ids);
    expect(doc.TIER.every((t) => t['@_LINGUISTIC_TYPE_REF'] === '3rs-marks')).toBe(true);
    expect(doc.LINGUISTIC_TYPE).toEqual([{ '@_LINGUISTIC_TYPE_ID': '3rs-marks', '@_TIME_ALIGNABLE': 'true', '@_GRAPHIC_REFERENCES': 'false' }]);
    expect(annotations).toBe(6);
  });

  it('gives each mark time a one-second annotation valued by code and clarity, never overlapping on a tier', () => {
    const { tier } = parsed(exportEaf(setup().db, 'D01-S01').xml);
    expect(tier('C01 withdrawal')).toEqual([
      [10_000, 11_000, 'W1 check'],
      [70_000, 70_400, 'W3 check-minus; W4 check'],
      [70_400, 71_400, 'W5 check'],
    ]);
    expect(tier('C01 confrontation')).toEqual([[70_000, 71_000, 'C2 check']]);
    expect(tier('C01 resolution')).toEqual([[130_000, 131_000, 'R1 check']]);
    expect(tier('C02 withdrawal')).toEqual([[12_000, 13_000, 'W1 check-minus']]);
    expect(tier('C02 resolution')).toEqual([]);
  });

  it('ends an annotation at the end of the recording, and gives a mark on its last millisecond the millisecond before', () => {
    const study = setup();
    importMarks(
      study.db,
      'D01-S01',
      'C03',
      [
        { code: 'C1', clarity: 'check', timeMs: 599_500 },
        { code: 'W1', clarity: 'check', timeMs: 599_999 },
        { code: 'W2', clarity: 'check', timeMs: 600_000 },
      ],
      ACTOR,
    );
    const { tier } = parsed(exportEaf(study.db, 'D01-S01', { coders: ['C03'] }).xml);
    expect(tier('C03 confrontation')).toEqual([[599_500, 600_000, 'C1 check']]);
    expect(tier('C03 withdrawal')).toEqual([
      [599_998, 599_999, 'W1 check'],
      [599_999, 600_000, 'W2 check'],
    ]);
  });

  it('gives every annotation two time slots of its own, listed in order of time, so that moving one boundary in ELAN moves no other', () => {
    const { doc } = parsed(exportEaf(setup().db, 'D01-S01').xml);
    const slots = doc.TIME_ORDER.TIME_SLOT ?? [];
    const refs = doc.TIER.flatMap((t) =>
      (t.ANNOTATION ?? []).flatMap(({ ALIGNABLE_ANNOTATION: a }) => [a['@_TIME_SLOT_REF1'], a['@_TIME_SLOT_REF2']]),
    );
    expect(refs).toHaveLength(2 * 6);
    expect(new Set(refs).size).toBe(refs.length);
    expect([...refs].sort()).toEqual(slots.map((s) => s['@_TIME_SLOT_ID']).sort());
    const times = slots.map((s) => Number(s['@_TIME_VALUE']));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('includes only the coders asked for, and an unknown coder is an error', () => {
    const study = setup();
    expect(exportEaf(study.db, 'D01-S01', { coders: ['C02'] }).tiers).toEqual(['C02 withdrawal', 'C02 confrontation', 'C02 resolution']);
    expect(() => exportEaf(study.db, 'D01-S01', { coders: ['C09'] })).toThrow(/No coder "C09"/);
  });

  it('refuses a coder who has not coded the recording, rather than giving them empty tiers', () => {
    expect(() => exportEaf(setup().db, 'D01-S01', { coders: ['C01', 'C03'] })).toThrow(
      'C03 has not coded D01-S01 yet, so there is nothing to export to ELAN. Choose a coder who has.',
    );
  });

  it('refuses a recording nobody has coded', () => {
    const study = setup();
    addFakeRecording(study, 'D02-S01', 60_000);
    expect(() => exportEaf(study.db, 'D02-S01')).toThrow('No coder has coded D02-S01 yet, so there is nothing to export to ELAN. Code it first.');
  });
});
