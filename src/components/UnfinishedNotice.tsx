// The codings of the chosen recordings not yet marked complete: by default left out of the report (as
// journals report finished codings), compared as they stand when the lead includes them.

import type { ReliabilityReport } from '../../electron/core/api/contract.ts';

const SHOWN = 6;

export function UnfinishedNotice({ report }: { report: ReliabilityReport }) {
  const { unfinished, includeUnfinished } = report;
  const listed = unfinished.slice(0, SHOWN).map((u) => `${u.recording} by ${u.coder} (${u.status})`);
  const more = unfinished.length > SHOWN ? ` and ${unfinished.length - SHOWN} more` : '';
  return (
    <div className="banner caution" role="status" aria-label="Unfinished codings">
      <p>
        {includeUnfinished
          ? `Compared as they stand, not yet marked complete: ${unfinished.length} coding${unfinished.length === 1 ? '' : 's'}.`
          : `Left out, not yet marked complete: ${unfinished.length} coding${unfinished.length === 1 ? '' : 's'}. Only complete codings are compared unless you include unfinished ones above.`}
      </p>
      <p className="small">
        {listed.join('; ')}
        {more}.
      </p>
    </div>
  );
}
