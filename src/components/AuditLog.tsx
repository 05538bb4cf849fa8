import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { askOptions } from '../state/queries.ts';
import { useStudy } from '../state/study.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Field, SelectField } from './Field.tsx';
import './AuditLog.css';

const PAGE_SIZE = 50;

interface Filters {
  actor: string;
  action: string;
  /** Local dates (YYYY-MM-DD), both days included; empty: no bound. */
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { actor: '', action: '', from: '', to: '' };

const asChoices = (values: readonly string[] | undefined) => (values ?? []).map((v) => ({ value: v, label: v }));

/** A local calendar day's first instant, `days` days after `date`, as the core's ISO instant. */
function startOfDay(date: string, days = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days).toISOString();
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** When, in this computer's time zone, to the second. */
function localTime(iso: string): string {
  const t = new Date(iso);
  return `${t.getFullYear()}-${pad2(t.getMonth() + 1)}-${pad2(t.getDate())} ${pad2(t.getHours())}:${pad2(t.getMinutes())}:${pad2(t.getSeconds())}`;
}

function change(before: string | null, after: string | null): string {
  if (before === null && after === null) return '';
  if (before === null) return after!;
  if (after === null) return `${before} → (none)`;
  return `${before} → ${after}`;
}

/**
 * The audit trail itself, newest first, a page at a time from the core, filtered by who, what and when. A lead
 * reads every entry; a coder only their own (others' would tell them about codings blind coding hides).
 */
export function AuditLog() {
  const lead = useStudy((s) => s.coder?.role === 'lead');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The `before` cursor of each page shown so far: the last one is the page on screen.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  // The page for the filters and cursor on screen; the last page stays while the next one is read.
  const query = useQuery({
    ...askOptions('security.audit', {
      ...(filters.actor ? { actor: filters.actor } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.from ? { from: startOfDay(filters.from) } : {}),
      ...(filters.to ? { to: startOfDay(filters.to, 1) } : {}),
      ...(before !== undefined ? { before } : {}),
      limit: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const page = query.data ?? null;
  const error = query.error?.value ?? null;
  const loading = query.isFetching;

  const filter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCursors([undefined]);
  };
  const first = (cursors.length - 1) * PAGE_SIZE + 1;

  return (
    <section className="card wide audit-log" aria-labelledby="audit-log-heading">
      <div className="card-head">
        <h2 id="audit-log-heading">Audit log</h2>
        <p className="muted small">
          {lead
            ? 'Every change to the study: who made it, when, and what it was.'
            : 'The changes you made. Other people’s entries are for a lead to read: they could tell you about codings kept from you.'}
        </p>
      </div>
      <form className="audit-filters" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Who" value={filters.actor} onChange={(actor) => filter({ actor })} none="Anyone" choices={asChoices(page?.actors)} />
        <SelectField
          label="What"
          value={filters.action}
          onChange={(action) => filter({ action })}
          none="Any change"
          choices={asChoices(page?.actions)}
        />
        <Field label="From" type="date" value={filters.from} onChange={(from) => filter({ from })} />
        <Field label="To" type="date" value={filters.to} onChange={(to) => filter({ to })} />
        <button type="button" onClick={() => filter(NO_FILTERS)} disabled={Object.values(filters).every((v) => v === '')}>
          Clear
        </button>
      </form>
      <ErrorAlert error={error} />
      {page && (
        <>
          <p className="muted small" role="status" aria-busy={loading}>
            {page.total === 0
              ? 'No entry matches.'
              : `Entries ${first.toLocaleString('en')}–${(first + page.entries.length - 1).toLocaleString('en')} of ${page.total.toLocaleString('en')}, newest first.`}
          </p>
          {page.entries.length > 0 && (
            <div className="audit-table-wrap">
              <table className="table audit-table" aria-label="Audit log entries">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      #
                    </th>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Which</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {page.entries.map((e) => (
                    <tr key={e.seq}>
                      <td className="num">{e.seq}</td>
                      <td className="audit-when">{localTime(e.at)}</td>
                      <td>{e.actor}</td>
                      <td className="audit-action">{e.action}</td>
                      <td>{e.entityId === null ? e.entity : `${e.entity} ${e.entityId}`}</td>
                      <td className="audit-change">{change(e.before, e.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="audit-pages">
            <button type="button" onClick={() => setCursors((c) => c.slice(0, -1))} disabled={cursors.length === 1 || loading}>
              ← Newer
            </button>
            <button type="button" onClick={() => setCursors((c) => [...c, page.nextBefore!])} disabled={page.nextBefore === null || loading}>
              Older →
            </button>
          </div>
        </>
      )}
    </section>
  );
}
