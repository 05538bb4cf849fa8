import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_SCHEME_ID,
  codeById,
  getScheme,
  isRuptureCategory,
  ratingItemIds,
  scheme3rs2015,
  schemes,
} from '../../electron/core/scheme/index.ts';

const scheme = scheme3rs2015;

/** Keys the player keeps for itself (KeyboardEvent.code). */
const PLAYER_KEYS = [
  'Space',
  'KeyJ',
  'KeyK',
  'KeyL',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'BracketLeft',
  'BracketRight',
  'Slash',
  'Escape',
  'Enter',
  'Tab',
  'KeyZ',
];

const idsOf = (cat: string) => scheme.codes.filter((c) => c.category === cat).map((c) => c.id);

describe('the 3RS 2015 scheme', () => {
  it('is the default scheme and is found by its id', () => {
    expect(DEFAULT_SCHEME_ID).toBe('3rs-2015');
    expect(scheme.id).toBe('3rs-2015');
    expect(getScheme('3rs-2015')).toBe(scheme);
    expect(schemes[DEFAULT_SCHEME_ID]).toBe(scheme);
  });

  it('an unknown scheme id is refused with a message naming the known ids', () => {
    expect(() => getScheme('3rs-1999')).toThrow(Error);
    expect(() => getScheme('3rs-1999')).toThrow(/3rs-1999.*'3rs-2015'/);
    expect(() => getScheme('toString')).toThrow(/Unknown coding scheme/);
  });

  it('the scheme has 24 codes: seven withdrawal, seven confrontation, ten resolution', () => {
    expect(scheme.codes).toHaveLength(24);
    expect(idsOf('withdrawal')).toEqual(['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7']);
    expect(idsOf('confrontation')).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']);
    expect(idsOf('resolution')).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10']);
  });

  it('codes come in manual order: withdrawal, then confrontation, then resolution', () => {
    expect(scheme.codes.map((c) => c.id)).toEqual([
      ...['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7'],
      ...['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'],
      ...['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10'],
    ]);
  });

  it('names follow the manual (spot checks)', () => {
    expect(codeById(scheme, 'W1')?.name).toBe('Denial');
    expect(codeById(scheme, 'W6')?.name).toBe('Content/affect split');
    expect(codeById(scheme, 'C2')?.name).toBe('Patient rejects therapist intervention');
    expect(codeById(scheme, 'C7')?.name).toMatch(/control\/pressure/);
    expect(codeById(scheme, 'R5')?.name).toMatch(/acknowledges own contribution/);
    expect(codeById(scheme, 'R10')?.name).toMatch(/redirects\/refocuses/);
    expect(codeById(scheme, 'X9')).toBeUndefined();
  });

  it('l. 313: R3 is a rationale for treatment, and the scoresheet row says it illustrates the task too', () => {
    expect(codeById(scheme, 'R3')?.name).toBe('Therapist illustrates tasks or provides a rationale for treatment');
    expect(codeById(scheme, 'R3')?.shortName).toMatch(/illustrates task.*rationale/i);
  });

  it('l. 1100–1102: marked defensiveness that seems aimed at someone outside therapy gets at least a check-minus, never at most', () => {
    const c6 = codeById(scheme, 'C6')!.notToConfuseWith;
    expect(c6).toMatch(/at least a check-minus/);
    expect(c6).not.toMatch(/at most/);
  });

  it('every code id carries its category prefix', () => {
    for (const code of scheme.codes) {
      const cat = scheme.categories.find((c) => c.id === code.category);
      expect(cat, code.id).toBeDefined();
      expect(code.id.startsWith(cat!.codePrefix), code.id).toBe(true);
    }
  });

  it('there are three categories, and only withdrawal and confrontation are ruptures', () => {
    expect(scheme.categories.map((c) => [c.id, c.codePrefix])).toEqual([
      ['withdrawal', 'W'],
      ['confrontation', 'C'],
      ['resolution', 'R'],
    ]);
    expect(isRuptureCategory('withdrawal')).toBe(true);
    expect(isRuptureCategory('confrontation')).toBe(true);
    expect(isRuptureCategory('resolution')).toBe(false);
  });

  it('ids are unique (codes, rating items, scales, categories)', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique(scheme.codes.map((c) => c.id))).toBe(true);
    expect(unique(scheme.ratingItems.map((r) => r.id))).toBe(true);
    expect(unique(scheme.scales.map((s) => s.id))).toBe(true);
    expect(unique(scheme.categories.map((c) => c.id))).toBe(true);
  });

  it('every code has its own key and none collides with a player key', () => {
    const keys = scheme.codes.map((c) => c.defaultKey);
    expect(new Set(keys).size).toBe(24);
    for (const code of scheme.codes) {
      expect(code.defaultKey, code.id).toMatch(/^(Digit[0-9]|Key[A-Z])$/);
      expect(PLAYER_KEYS, `${code.id} uses reserved ${code.defaultKey}`).not.toContain(code.defaultKey);
    }
  });

  it('every code has a non-empty definition and notToConfuseWith', () => {
    for (const code of scheme.codes) {
      expect(code.name.trim(), code.id).not.toBe('');
      expect(code.definition.trim().length, code.id).toBeGreaterThan(40);
      expect(code.notToConfuseWith.trim().length, code.id).toBeGreaterThan(40);
      // 1-3 sentences for a definition.
      const sentences = code.definition.split(/[.!?](?:\s|$)/).filter((s) => s.trim() !== '');
      expect(sentences.length, code.id).toBeLessThanOrEqual(3);
    }
  });

  it('every code has a short name of its own that fits a scoresheet row, so C1, C3 and C4 read apart there', () => {
    const shortNames = scheme.codes.map((c) => c.shortName);
    expect(new Set(shortNames).size).toBe(24);
    for (const code of scheme.codes) {
      expect(code.shortName.trim(), code.id).not.toBe('');
      expect(code.shortName.length, `${code.id}: ${code.shortName}`).toBeLessThanOrEqual(30);
    }
  });

  it('there are 28 global rating items: 24 significance ratings and four overall ratings', () => {
    expect(scheme.ratingItems).toHaveLength(28);
    const perCode = scheme.ratingItems.slice(0, 24);
    expect(perCode.map((r) => r.id)).toEqual(scheme.codes.map((c) => c.id));
    for (const item of perCode) {
      const code = codeById(scheme, item.id)!;
      expect(item.scale).toBe('significance');
      expect(item.code).toBe(code.id);
      expect(item.category).toBe(code.category);
    }
    expect(scheme.ratingItems.slice(24).map((r) => [r.id, r.scale, r.category])).toEqual([
      ['overall_withdrawal', 'significance', 'withdrawal'],
      ['overall_confrontation', 'significance', 'confrontation'],
      ['overall_resolution', 'overall-resolution', undefined],
      ['therapist_contribution', 'therapist-contribution', undefined],
    ]);
    expect(ratingItemIds(scheme)).toEqual(scheme.ratingItems.map((r) => r.id));
  });

  it('every rating item uses a scale the scheme defines', () => {
    const scaleIds = new Set(scheme.scales.map((s) => s.id));
    for (const item of scheme.ratingItems) expect(scaleIds.has(item.scale), item.id).toBe(true);
  });

  it('every scale runs from 1 to 5 with exactly one anchor for each point', () => {
    expect(scheme.scales.map((s) => s.id).sort()).toEqual(['overall-resolution', 'significance', 'therapist-contribution']);
    for (const scale of scheme.scales) {
      expect(scale.min).toBe(1);
      expect(scale.max).toBe(5);
      expect(
        scale.anchors.map((a) => a.value),
        scale.id,
      ).toEqual([1, 2, 3, 4, 5]);
      for (const a of scale.anchors) {
        expect(a.label.trim(), `${scale.id} ${a.value}`).not.toBe('');
        expect(a.description.trim(), `${scale.id} ${a.value}`).not.toBe('');
      }
    }
  });

  it('overall resolution is anchored at 3, which is also the rating for sessions without real ruptures', () => {
    const scale = scheme.scales.find((s) => s.id === 'overall-resolution')!;
    expect(scale.anchorAt).toBe(3);
    expect(scale.anchors.find((a) => a.value === 3)!.description).toMatch(/no ruptures/i);
    expect(scheme.scales.find((s) => s.id === 'significance')!.anchorAt).toBeUndefined();
  });

  it('significance 1 covers both absent and very minor markers', () => {
    const one = scheme.scales.find((s) => s.id === 'significance')!.anchors[0]!;
    expect(one.label).toBe('No significance');
    expect(one.description).toMatch(/absent/i);
    expect(one.description).toMatch(/small|minor/i);
  });

  it('the scheme data is frozen reference data', () => {
    expect(Object.isFrozen(scheme)).toBe(true);
    expect(Object.isFrozen(scheme.codes)).toBe(true);
    expect(Object.isFrozen(scheme.codes[0])).toBe(true);
    expect(Object.isFrozen(scheme.scales[0]!.anchors)).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// Our texts must be our own words: no run of 8+ consecutive words from the manual.

const MANUAL_URL = new URL('../../../shared/seeds/3rs-manual.txt', import.meta.url);
const MANUAL_PATH = fileURLToPath(MANUAL_URL);
const manualPresent = existsSync(MANUAL_PATH);
const RUN = 8;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc']/g, '') // don't / don’t -> dont
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

function ngrams(ws: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= ws.length; i++) out.push(ws.slice(i, i + n).join(' '));
  return out;
}

describe('our texts are our own words', () => {
  const title = manualPresent
    ? `no definition, contrast or anchor shares a run of ${RUN} or more words with the manual`
    : `no definition shares ${RUN}+ words with the manual (SKIPPED: manual not found at ${MANUAL_PATH})`;

  it.skipIf(!manualPresent)(title, () => {
    const manualGrams = new Set(ngrams(words(readFileSync(MANUAL_PATH, 'utf8')), RUN));
    expect(manualGrams.size).toBeGreaterThan(1000); // sanity: the manual was actually read

    const texts: [string, string][] = [];
    for (const c of scheme.codes) {
      texts.push([`${c.id}.definition`, c.definition], [`${c.id}.notToConfuseWith`, c.notToConfuseWith]);
    }
    for (const cat of scheme.categories) texts.push([`category ${cat.id}`, cat.description]);
    for (const s of scheme.scales) {
      for (const a of s.anchors) texts.push([`${s.id} ${a.value}`, `${a.label} ${a.description}`]);
    }

    const copied = texts.flatMap(([where, text]) =>
      ngrams(words(text), RUN)
        .filter((g) => manualGrams.has(g))
        .map((g) => `${where}: "${g}"`),
    );
    expect(copied).toEqual([]);
  });
});
