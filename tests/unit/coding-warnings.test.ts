import { describe, expect, it } from 'vitest';
import { segmentGrid } from '../../electron/core/coding/segments.ts';
import { describeSegments, sessionWarnings, type WarningMark, type WarningRule } from '../../electron/core/coding/warnings.ts';
import { getScheme, ratingItemIds } from '../../electron/core/scheme/index.ts';

const scheme = getScheme('3rs-2015');
/** A 20-minute session in 5-minute segments: four segments, 0 to 3. */
const segments = segmentGrid(20 * 60_000, { segmentSeconds: 300, minFinalSeconds: 60 });
const ALL_WATCHED = [0, 1, 2, 3];
const MIN = 60_000;

function mark(code: string, minute: number, extra: Partial<WarningMark> = {}): WarningMark {
  const category = scheme.codes.find((c) => c.id === code)!.category;
  return { code, category, clarity: 'check', timeMs: minute * MIN, note: '', ...extra };
}

/** Every item rated: significance 1 for all, overall resolution 3, unless overridden. */
function fullRatings(overrides: Record<string, number> = {}): Record<string, number> {
  return { ...Object.fromEntries(ratingItemIds(scheme).map((id) => [id, id === 'overall_resolution' ? 3 : 1])), ...overrides };
}

/** By default the whole session is watched and every item rated in a way that raises nothing by itself. */
function warn(input: { marks?: WarningMark[]; ratings?: Record<string, number>; watched?: number[] }) {
  return sessionWarnings({
    scheme,
    segments,
    marks: input.marks ?? [],
    ratings: input.ratings ?? fullRatings(),
    watched: input.watched ?? ALL_WATCHED,
  });
}

const rules = (input: Parameters<typeof warn>[0]): WarningRule[] => warn(input).map((w) => w.rule);

describe('a resolution strategy needs a rupture before it', () => {
  it('a resolution strategy before any rupture is flagged, with its segment and code', () => {
    const found = warn({ marks: [mark('R4', 6), mark('W2', 12)] });
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'resolution-without-rupture',
        segment: 1,
        code: 'R4',
        message: expect.stringMatching(/R4 is in segment 2, .*earlier session/),
      }),
    ]);
  });

  it('a resolution strategy after a withdrawal or confrontation is not flagged', () => {
    expect(rules({ marks: [mark('C1', 2), mark('R1', 3), mark('W1', 7), mark('R10', 8)] })).toEqual([]);
  });

  it('a rupture at the very same moment counts as before it', () => {
    expect(rules({ marks: [mark('W5', 4), mark('R9', 4)] })).toEqual([]);
  });

  it('a resolution strategy with a note about an earlier session is not flagged', () => {
    expect(rules({ marks: [mark('R7', 1, { note: 'links back to the rupture in session 3' })] })).toEqual([]);
  });

  it('each unanchored strategy is flagged on its own', () => {
    expect(rules({ marks: [mark('R1', 1), mark('R2', 6), mark('W1', 11)] })).toEqual(['resolution-without-rupture', 'resolution-without-rupture']);
  });

  it('l. 273–285: a strategy marked before the rupture inside the same segment is not flagged (coding is by segment)', () => {
    expect(rules({ marks: [mark('R1', 5.5), mark('W2', 9)] })).toEqual([]);
    expect(rules({ marks: [mark('R9', 0.2), mark('C6', 4.9)] })).toEqual([]);
  });

  it('l. 273–285: a strategy in a segment after one that held a rupture is not flagged', () => {
    expect(rules({ marks: [mark('C1', 1), mark('R4', 16)] })).toEqual([]);
  });

  it('l. 273–285: a strategy in a segment before the first rupture is flagged, and the note is still the way to name an earlier or anticipated one', () => {
    expect(warn({ marks: [mark('R2', 4.9), mark('W1', 5)] })).toEqual([
      expect.objectContaining({
        rule: 'resolution-without-rupture',
        segment: 0,
        message: expect.stringMatching(/^R2 is in segment 1, and no withdrawal or confrontation marker is in that segment or any before it/),
      }),
    ]);
    expect(rules({ marks: [mark('R2', 4.9, { note: 'anticipates the rupture of last session' }), mark('W1', 5)] })).toEqual([]);
  });
});

describe('the overall ratings order the same way as the significance of the types, never their counts', () => {
  const many = [mark('W1', 1), mark('W2', 2), mark('W4', 6), mark('W5', 7), mark('C1', 3)];

  it('l. 379–380: many minor withdrawal marks and one significant confrontation, rated overall confrontation higher, is not flagged', () => {
    const ratings = fullRatings({ W1: 2, W2: 2, W4: 2, W5: 2, C1: 5, overall_withdrawal: 2, overall_confrontation: 5 });
    expect(rules({ marks: many, ratings })).toEqual([]);
  });

  it("l. 386–391: overall ratings that order against the coder's own significance ratings are flagged as a question, without counts", () => {
    const ratings = fullRatings({ W1: 2, W2: 2, W4: 2, W5: 2, C1: 5, overall_withdrawal: 4, overall_confrontation: 2 });
    const found = warn({ marks: many, ratings });
    expect(found).toEqual([expect.objectContaining({ rule: 'overall-order' })]);
    const { message } = found[0]!;
    expect(message).toMatch(/significance ratings make confrontation weigh more than withdrawal \(C1 is rated 5, no withdrawal type above 2\)/);
    expect(message).toMatch(/\?/);
    expect(message).not.toMatch(/\bmarked|\bmore .* than .* was marked|\d+ marks?/);
  });

  it('l. 379–391: the most significant type of each category decides, not how many types were rated above 1', () => {
    const ratings = fullRatings({ W1: 3, W2: 3, W4: 3, C1: 4, overall_withdrawal: 4, overall_confrontation: 3 });
    expect(rules({ marks: many, ratings })).toEqual(['overall-order']);
    expect(rules({ marks: many, ratings: { ...ratings, overall_withdrawal: 2 } })).toEqual([]);
  });

  it('equal highest significance, equal overall ratings, or a missing overall rating are not flagged', () => {
    expect(rules({ marks: many, ratings: fullRatings({ W1: 3, C1: 3, overall_withdrawal: 5, overall_confrontation: 2 }) })).toEqual([]);
    expect(rules({ marks: many, ratings: fullRatings({ W1: 4, C1: 2, overall_withdrawal: 3, overall_confrontation: 3 }) })).toEqual([]);
    expect(rules({ marks: many, ratings: { W1: 4, C1: 2, overall_withdrawal: 1 } })).not.toContain('overall-order');
  });
});

describe('the overall ratings agree with what was marked and rated in their category', () => {
  it('l. 357: overall withdrawal above 1 with no withdrawal marked is flagged (1 means no markers)', () => {
    const found = warn({ marks: [mark('C1', 1)], ratings: fullRatings({ C1: 4, overall_confrontation: 4, overall_withdrawal: 3 }) });
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'overall-without-markers',
        item: 'overall_withdrawal',
        message: expect.stringMatching(/Overall withdrawal is rated 3, but no withdrawal marker was marked/),
      }),
    ]);
  });

  it('l. 357: overall confrontation above 1 with no confrontation marked is flagged; a check-minus mark is a mark', () => {
    expect(rules({ marks: [mark('W1', 1)], ratings: fullRatings({ W1: 2, overall_withdrawal: 2, overall_confrontation: 2 }) })).toEqual([
      'overall-without-markers',
    ]);
    expect(
      rules({
        marks: [mark('W1', 1), mark('C2', 2, { clarity: 'check-minus' })],
        ratings: fullRatings({ W1: 2, overall_withdrawal: 2, overall_confrontation: 2 }),
      }),
    ).toEqual([]);
  });

  it('l. 357–369: an overall rating of 1 while a type of its category has significance 3 or more is flagged, naming the types', () => {
    const found = warn({ marks: [mark('W1', 1), mark('W3', 2)], ratings: fullRatings({ W1: 3, W3: 4, overall_withdrawal: 1 }) });
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'overall-below-significance',
        item: 'overall_withdrawal',
        message: expect.stringMatching(/Overall withdrawal is rated 1 .*W1 \(3\), W3 \(4\)/),
      }),
    ]);
  });

  it('an overall rating of 1 beside types of minor significance (2) is not flagged', () => {
    expect(rules({ marks: [mark('C3', 1)], ratings: fullRatings({ C3: 2, overall_confrontation: 1 }) })).toEqual([]);
  });
});

describe('a marker type never coded should have significance 1', () => {
  it('an uncoded type rated above 1 is flagged, one warning per item', () => {
    const found = warn({
      marks: [mark('W1', 1)],
      ratings: fullRatings({ W1: 3, W4: 2, C6: 4, overall_withdrawal: 3, overall_confrontation: 2 }),
    }).filter((w) => w.rule === 'uncoded-significance');
    expect(found.map((w) => [w.rule, w.item])).toEqual([
      ['uncoded-significance', 'W4'],
      ['uncoded-significance', 'C6'],
    ]);
    expect(found[0]!.message).toMatch(/never marked.*rated 2.*should be rated 1/);
  });

  it('a coded type rated 1 is fine (very minor ones)', () => {
    expect(rules({ marks: [mark('W1', 1), mark('R10', 2)], ratings: fullRatings() })).toEqual([]);
  });
});

describe('a session without ruptures, or with only very minor ones, gets overall resolution 3', () => {
  it('no ruptures but overall resolution 4 is flagged', () => {
    const found = warn({ ratings: fullRatings({ overall_resolution: 4 }) });
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'minor-session-resolution',
        item: 'overall_resolution',
        message: expect.stringMatching(/no rupture markers.*rated 4/),
      }),
    ]);
  });

  it('only very minor ruptures (all rated 1) and overall resolution 1 is flagged', () => {
    expect(rules({ marks: [mark('W2', 1), mark('R10', 2)], ratings: fullRatings({ overall_resolution: 1 }) })).toEqual(['minor-session-resolution']);
  });

  it('a rupture of some significance makes another resolution rating plausible', () => {
    expect(rules({ marks: [mark('W2', 1), mark('R10', 2)], ratings: fullRatings({ W2: 3, overall_resolution: 4, overall_withdrawal: 3 }) })).toEqual(
      [],
    );
  });

  it('a coded rupture type that is not rated yet does not count as minor', () => {
    const ratings = fullRatings({ overall_resolution: 5 });
    delete ratings['W2'];
    expect(rules({ marks: [mark('W2', 1)], ratings, watched: ALL_WATCHED })).toEqual(['ratings-incomplete']);
  });

  it('overall resolution 3 is never flagged', () => {
    expect(rules({ ratings: fullRatings({ overall_resolution: 3 }) })).toEqual([]);
  });
});

describe('global ratings come after watching the whole session', () => {
  it('rating before every segment was watched is flagged and names the unwatched segments', () => {
    const found = warn({ ratings: fullRatings(), watched: [0, 1] });
    expect(found).toEqual([
      expect.objectContaining({ rule: 'rated-before-watched', message: expect.stringMatching(/segments 3 and 4 not watched/) }),
    ]);
  });

  it('no ratings yet, or everything watched, is not flagged', () => {
    expect(rules({ ratings: {}, watched: [] })).toEqual([]);
    expect(rules({ ratings: fullRatings(), watched: ALL_WATCHED })).toEqual([]);
  });

  it('segment lists are written with runs', () => {
    expect(describeSegments([2])).toBe('segment 3');
    expect(describeSegments([3, 2])).toBe('segments 3 and 4');
    expect(describeSegments([0, 1, 2, 3, 4, 6, 8, 9])).toBe('segments 1 to 5, 7, 9 and 10');
  });
});

describe('every global rating is made', () => {
  it('some items rated but not all is flagged with how many are missing', () => {
    const found = warn({ ratings: { W1: 1, overall_resolution: 3 } });
    expect(found).toEqual([
      expect.objectContaining({ rule: 'ratings-incomplete', message: expect.stringMatching(/^26 of the 28 global ratings are still missing/) }),
    ]);
  });

  it('none rated after watching everything is flagged; none rated mid-session is not', () => {
    expect(warn({ ratings: {}, watched: ALL_WATCHED })).toEqual([
      expect.objectContaining({ rule: 'ratings-incomplete', message: expect.stringMatching(/^28 of the 28/) }),
    ]);
    expect(rules({ ratings: {}, watched: [0] })).toEqual([]);
  });

  it('all 28 rated is not flagged', () => {
    expect(Object.keys(fullRatings())).toHaveLength(28);
    expect(rules({ ratings: fullRatings() })).toEqual([]);
  });
});
