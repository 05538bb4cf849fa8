// A missing statistic is labelled by its reason's kind, which the core sets; the sentence is only shown.

import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reason } from '../../electron/core/api/contract.ts';
import { IccCells, type IccRow } from '../../src/components/IccCells.tsx';
import { FootnoteList, Footnotes, intervalStatistic, statistic } from '../../src/components/Statistic.tsx';

afterEach(cleanup);

/** One table cell per reason, with the notes under it, as the report's tables draw them. */
function Cells({ reasons }: { reasons: (Reason | undefined)[] }) {
  const notes = new Footnotes('test');
  return (
    <>
      <ul>
        {reasons.map((reason, i) => (
          <li key={i}>{statistic({ value: null, reason, notes })}</li>
        ))}
      </ul>
      <FootnoteList notes={notes} label="Notes" />
    </>
  );
}

const cellTexts = () => screen.getAllByRole('listitem').map((li) => li.querySelector('.stat')?.firstChild?.textContent ?? null);

describe('a statistic without a value', () => {
  it("is labelled by its reason's kind, not by the words its sentence starts with", () => {
    render(
      <Cells
        reasons={[
          { kind: 'does-not-apply', why: 'not defined here: the words of the sentence do not decide' },
          { kind: 'too-few', why: 'does not apply, says this sentence, but the kind says too few' },
          { kind: 'not-defined', why: 'too few, says this sentence, but the kind says not defined' },
        ]}
      />,
    );
    expect(cellTexts().slice(0, 3)).toEqual(['does not apply', 'too few', 'not defined']);
    const cell = screen.getByText('too few');
    expect(cell.getAttribute('title')).toBe('too few: does not apply, says this sentence, but the kind says too few');
    const notes = within(screen.getByRole('list', { name: 'Notes' })).getAllByRole('listitem');
    expect(notes.map((n) => n.textContent)).toEqual([
      'Does not apply: not defined here: the words of the sentence do not decide.',
      'Too few: does not apply, says this sentence, but the kind says too few.',
      'Not defined: too few, says this sentence, but the kind says not defined.',
    ]);
  });

  it('without a reason from the core still reads "not defined", and says the core gave none', () => {
    render(<Cells reasons={[undefined]} />);
    expect(screen.getByText('not defined').getAttribute('title')).toBe('not defined: the core gave no reason');
  });

  it('shares one footnote with every other cell of the same kind and sentence, and not with another kind', () => {
    const why = 'there is 1 recording';
    render(
      <Cells
        reasons={[
          { kind: 'too-few', why },
          { kind: 'too-few', why },
          { kind: 'not-defined', why },
        ]}
      />,
    );
    const refs = screen.getAllByRole('link').map((a) => a.textContent);
    expect(refs).toEqual(['1', '1', '2']);
  });

  it('has its interval labelled by the interval reason’s kind when only the interval is missing', () => {
    function Interval() {
      const notes = new Footnotes('interval');
      return <p>{intervalStatistic({ value: 0.5, lower: null, upper: null }, { kind: 'too-few', why: 'the interval needs 2 segments' }, notes)}</p>;
    }
    render(<Interval />);
    expect(screen.getByText('0.500')).toBeTruthy();
    expect(screen.getByText('too few').getAttribute('title')).toBe('too few: the interval needs 2 segments');
  });
});

describe('six ICCs missing for one reason', () => {
  const row = (reasons: IccRow['reasons']): IccRow => ({ ICC1: null, ICC2: null, ICC3: null, ICC1k: null, ICC2k: null, ICC3k: null, reasons });
  const tooFew: Reason = { kind: 'too-few', why: 'an ICC needs at least 2 recordings' };

  function Row({ icc }: { icc: IccRow }) {
    const notes = new Footnotes('icc');
    return (
      <table>
        <tbody>
          <tr>
            <IccCells row={icc} notes={notes} />
          </tr>
        </tbody>
      </table>
    );
  }

  it('say it once across the six columns, matching reasons by kind and sentence (copies, as an answer over IPC holds them)', () => {
    const copy = (): Reason => ({ ...tooFew });
    render(<Row icc={row({ ICC1: copy(), ICC2: copy(), ICC3: copy(), ICC1k: copy(), ICC2k: copy(), ICC3k: copy() })} />);
    expect(screen.getAllByRole('cell')).toHaveLength(1);
    expect(screen.getByText('too few')).toBeTruthy();
  });

  it('say it in each column when one of them has another kind', () => {
    render(<Row icc={row({ ICC1: tooFew, ICC2: tooFew, ICC3: tooFew, ICC1k: tooFew, ICC2k: tooFew, ICC3k: { ...tooFew, kind: 'not-defined' } })} />);
    expect(screen.getAllByRole('cell')).toHaveLength(6);
    expect(screen.getAllByText('too few')).toHaveLength(5);
  });
});
