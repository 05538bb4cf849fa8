// Agreement on categories: the mean share of agreeing rater pairs, Cohen's kappa and its quadratic-weighted
// form (exactly two raters), and Fleiss' kappa (any fixed number of raters per subject).
//
// Each coefficient is computed as one ratio of sums of counts, so integer data give a correctly rounded
// result and the undefined cases (nothing to compare, chance agreement already 100 %) are detected exactly.

import { AppError } from '../errors.ts';
import { grouped, type CountTable, type GroupedCountTable } from './counts.ts';
import { defined, GENERIC_TERMS, notDefined, tooFew, type Outcome, type Terms } from './outcome.ts';

export type { CountTable, GroupedCountTable } from './counts.ts';

/** Square: cell [i][j] counts the subjects that rater A put in category i and rater B in category j. */
export type ConfusionTable = readonly (readonly number[])[];

function checkCell(value: number, where: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new AppError('INVALID_INPUT', `${where} must be a count of zero or more (got ${value}).`);
  }
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The number of raters per subject, which must be the same for every subject. */
function ratersPerSubject(table: GroupedCountTable): number {
  const width = table[0]?.row.length ?? 0;
  const raters = sum(table[0]?.row ?? []);
  table.forEach(({ row, subjects }, i) => {
    if (!Number.isInteger(subjects) || subjects < 0)
      throw new AppError('INVALID_INPUT', `Row ${i + 1} stands for ${subjects} subjects; give a whole number of zero or more.`);
    if (row.length !== width) throw new AppError('INVALID_INPUT', `Subject ${i + 1} has ${row.length} categories; every subject needs ${width}.`);
    row.forEach((cell, j) => checkCell(cell, `Subject ${i + 1}, category ${j + 1}`));
    if (sum(row) !== raters) {
      throw new AppError('INVALID_INPUT', `Subject ${i + 1} has ${sum(row)} ratings; every subject needs the same number (${raters}).`);
    }
  });
  return raters;
}

/** The subjects of a checked table, and the raters each has. */
function checkCountTable(table: GroupedCountTable, terms: Terms): Outcome<{ subjects: number; raters: number }> {
  const raters = ratersPerSubject(table);
  const subjects = sum(table.map((entry) => entry.subjects));
  if (subjects === 0)
    return tooFew(`there are no ${terms.subjects} to compare; it needs ${terms.subjects} that every one of the ${terms.raters} rated`);
  if (raters < 2) return tooFew(`each of the ${terms.subjects} has ${raters} rating; agreement needs at least two ${terms.raters} per subject`);
  return defined({ subjects, raters });
}

/** Σ over subjects of Σ over categories of n², the observed-agreement term of Fleiss' P̄. */
const sumOfSquares = (table: GroupedCountTable): number => sum(table.map(({ row, subjects }) => subjects * sum(row.map((x) => x * x))));

/**
 * The share of agreeing rater pairs, averaged over subjects (Fleiss' P̄). With two raters this is simply
 * the share of subjects on which they agree.
 */
export function meanPairwiseAgreement(table: CountTable | GroupedCountTable, terms: Terms = GENERIC_TERMS): Outcome<number> {
  const rows = grouped(table);
  const checked = checkCountTable(rows, terms);
  if (!checked.ok) return checked;
  const { subjects, raters: m } = checked.value;
  return defined((sumOfSquares(rows) - subjects * m) / (subjects * m * (m - 1)));
}

/** Fleiss' (1971) kappa for a fixed number of raters per subject. */
export function fleissKappa(table: CountTable | GroupedCountTable, terms: Terms = GENERIC_TERMS): Outcome<number> {
  const rows = grouped(table);
  const checked = checkCountTable(rows, terms);
  if (!checked.ok) return checked;
  const { subjects, raters: m } = checked.value;
  const ratings = subjects * m;
  const totals = rows[0]!.row.map((_, j) => sum(rows.map(({ row, subjects: k }) => k * row[j]!)));
  if (totals.filter((t) => t > 0).length < 2) return notDefined(oneCategory(terms));
  const squares = sumOfSquares(rows);
  const chance = sum(totals.map((t) => t * t));
  // (P̄ − P̄e) / (1 − P̄e) with P̄ = (Σn²−Nm)/(Nm(m−1)) and P̄e = Σt²/(Nm)², cleared of fractions.
  return defined(((squares - ratings) * ratings - chance * (m - 1)) / ((m - 1) * (ratings * ratings - chance)));
}

function oneCategory(terms: Terms): string {
  return `every rating of the ${terms.subjects} falls in one and the same category, so chance agreement is already 100 % and kappa divides by zero; it needs ratings in at least two categories`;
}

interface Margins {
  total: number;
  rows: number[];
  cols: number[];
}

function margins(table: ConfusionTable): Margins {
  const size = table.length;
  table.forEach((row, i) => {
    if (row.length !== size)
      throw new AppError('INVALID_INPUT', `A confusion table must be square: row ${i + 1} has ${row.length} cells, not ${size}.`);
    row.forEach((cell, j) => checkCell(cell, `Cell [${i + 1}][${j + 1}]`));
  });
  const rows = table.map((row) => sum(row));
  const cols = table.map((_, j) => sum(table.map((row) => row[j]!)));
  return { total: sum(rows), rows, cols };
}

function noSubjects(terms: Terms): Outcome<never> {
  return tooFew(`there are no ${terms.subjects} that both ${terms.raters} rated; it needs at least one`);
}

/** Cohen's (1960) kappa for two raters. */
export function cohenKappa(table: ConfusionTable, terms: Terms = GENERIC_TERMS): Outcome<number> {
  const { total, rows, cols } = margins(table);
  if (total === 0) return noSubjects(terms);
  if (rows.some((r, i) => r === total && cols[i] === total)) return notDefined(oneCategory(terms));
  const agreed = sum(table.map((row, i) => row[i]!));
  const chance = sum(rows.map((r, i) => r * cols[i]!));
  // (po − pe) / (1 − pe) with po = Σ diagonal / N and pe = Σ rᵢcᵢ / N², cleared of fractions.
  return defined((total * agreed - chance) / (total * total - chance));
}

/**
 * Cohen's weighted kappa with quadratic disagreement weights (i − j)² over ordered categories (the
 * "squared" / "Fleiss–Cohen" weighting). The categories are the table's rows, all of them: the caller passes
 * the whole rating scale (1–5), so a value no coder used still counts in the distance between two others.
 * That equals R's psych::cohen.kappa(x, levels = 1:5) and scikit-learn's cohen_kappa_score(...,
 * labels=[1, 2, 3, 4, 5]); irr::kappa2(x, "squared") spaces only the values that occur, which differs
 * whenever a level is never used.
 */
export function quadraticWeightedKappa(table: ConfusionTable, terms: Terms = GENERIC_TERMS): Outcome<number> {
  const { total, rows, cols } = margins(table);
  if (total === 0) return noSubjects(terms);
  let observed = 0;
  let chance = 0;
  table.forEach((row, i) =>
    row.forEach((cell, j) => {
      observed += (i - j) ** 2 * cell;
      chance += (i - j) ** 2 * rows[i]! * cols[j]!;
    }),
  );
  if (chance === 0) return notDefined(oneCategory(terms));
  // 1 − Σ w·O / Σ w·E with E = rᵢcⱼ / N.
  return defined(1 - (total * observed) / chance);
}
