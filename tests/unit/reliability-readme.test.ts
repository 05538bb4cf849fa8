import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RATING_FIELDS, SEGMENT_FIELDS } from '../../electron/core/reliability/json.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's "Reliability statistics" section: its table rows by the JSON name they start with. */
function statisticsSection(): string {
  const start = README.indexOf('## Reliability statistics');
  expect(start, 'the README has a Reliability statistics section').toBeGreaterThan(-1);
  return README.slice(start, README.indexOf('\n## ', start + 1));
}

describe("the README's reliability section says what equals what", () => {
  it('lists every statistic the report gives, each with the R package and call that reproduces it', () => {
    const section = statisticsSection();
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    const names = [...new Set([...SEGMENT_FIELDS, ...RATING_FIELDS].filter((f) => f !== 'n' && !/^ICC/.test(f))), 'ICC1', 'sessionCounts'];
    for (const name of names) {
      const row = rows.find((r) => r.startsWith(`| \`${name}\``));
      expect(row, `a row for ${name}`).toBeDefined();
      // The last cell names an R call: package::function(…).
      expect(row!.split('|').at(-2), `${name}'s R call`).toMatch(/`(psych|irr|irrCAC)::[a-z.0-9]+\(/i);
    }
  });

  it('names psych::ICC(lmer = FALSE) for the ICCs and psych::cohen.kappa(levels = 1:5) for the weighted kappa, and percentAgreement as a fraction 0–1', () => {
    const section = statisticsSection();
    expect(section).toContain('psych::ICC(x, lmer = FALSE)');
    expect(section).toContain('psych::cohen.kappa(x, levels = 1:5)');
    expect(section).toMatch(/\| `percentAgreement` \| a \*\*fraction 0–1\*\*/);
    expect(section).toMatch(/Gwet's analytic \(linearised\) variance/);
  });

  it('says how the values were checked against R: the script that writes the fixture, and the versions of R and its packages', () => {
    const section = statisticsSection();
    expect(section).toContain('tests/r/agreement-fixtures.R');
    expect(section).toContain('tests/unit/stats-r-reference.test.ts');
    expect(section).toMatch(/Checked with R \d+\.\d+\.\d+, psych \d[\d.]*, irr \d[\d.]* and irrCAC \d[\d.]*/);
  });
});
