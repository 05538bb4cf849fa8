import type { RatingDifference, Scheme } from '../../electron/core/api/contract.ts';

/** The global ratings two codings give differently, item by item; "—" where one of them has not rated it. */
export function RatingDifferences({ scheme, a, b, differences }: { scheme: Scheme; a: string; b: string; differences: RatingDifference[] }) {
  return (
    <table className="table" aria-label="Rating differences">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col" className="num">
            {a}
          </th>
          <th scope="col" className="num">
            {b}
          </th>
        </tr>
      </thead>
      <tbody>
        {differences.map((r) => (
          <tr key={r.item}>
            <th scope="row">{scheme.ratingItems.find((i) => i.id === r.item)?.label ?? r.item}</th>
            <td className="num">{r.a ?? '—'}</td>
            <td className="num">{r.b ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
