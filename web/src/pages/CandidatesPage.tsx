// candidates: search by name or e-mail, filter by cohort and status (CONSOLE.md).
import { useId, useState } from 'preact/hooks';
import type { View } from '../api/client';
import { DataTable } from '../components/DataTable';
import { Link } from '../components/Link';
import { ViewStatus } from '../components/ViewStatus';
import { useView } from '../lib/useView';
import { bool, text } from '../lib/view';
import { candidateStatuses, statusWords } from './shared';

const kPageSize = 100;

export function CandidatesPage() {
  const id = useId();
  const [draft, setDraft] = useState({ q: '', cohort: '', status: '' });
  const [filters, setFilters] = useState({ q: '', cohort: '', status: '' });
  // The cursors of the pages seen so far, so "Previous page" can go back.
  const [cursors, setCursors] = useState<string[]>(['']);
  const after = cursors[cursors.length - 1];
  const view = useView<{ items: View[]; next?: string }>('/v1/candidates', {
    ...filters,
    limit: kPageSize,
    after,
  });
  const cohorts = useView<{ items: View[] }>('/v1/cohorts', { limit: 1000 });
  const years = (cohorts.data?.items ?? []).map((cohort) => text(cohort, 'year')).reverse();
  const items = view.data?.items ?? [];
  const next = view.data?.next ?? '';
  const set = (key: keyof typeof draft) => (event: Event) =>
    setDraft({ ...draft, [key]: (event.currentTarget as HTMLInputElement).value });

  return (
    <>
      <h1>Candidates</h1>
      <form
        class="filters"
        role="search"
        aria-label="Find candidates"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
          setCursors(['']);
        }}
      >
        <div class="field">
          <label for={`${id}-q`}>Name or e-mail</label>
          <input id={`${id}-q`} type="search" value={draft.q} onInput={set('q')} />
        </div>
        <div class="field">
          <label for={`${id}-cohort`}>Cohort</label>
          <select id={`${id}-cohort`} value={draft.cohort} onChange={set('cohort')}>
            <option value="">Any</option>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={draft.status} onChange={set('status')}>
            <option value="">Any</option>
            {candidateStatuses.map((status) => (
              <option key={status} value={status}>
                {statusWords(status)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <ViewStatus loading={view.loading && !view.data} problem={view.problem} what="candidates" />
      <DataTable
        caption="Candidates"
        rows={items}
        pageSize={kPageSize}
        rowKey={(row) => text(row, 'id')}
        columns={[
          {
            header: 'Name',
            rowHeader: true,
            cell: (row) => <Link to={`candidates/${text(row, 'id')}`}>{text(row, 'name')}</Link>,
          },
          {
            header: 'Cohort',
            cell: (row) => <Link to={`cohorts/${text(row, 'cohort')}`}>{text(row, 'cohort')}</Link>,
          },
          { header: 'Status', cell: (row) => statusWords(text(row, 'status')) },
          { header: 'Mentor', cell: (row) => text(row, 'mentor') || 'none' },
          {
            header: 'At risk',
            cell: (row) => (bool(row, 'at_risk') ? <span class="badge bad">At risk</span> : 'No'),
          },
        ]}
        empty="No candidate matches."
        csv={{ path: '/v1/candidates', filename: 'candidates.csv', parameters: filters }}
      />
      {(cursors.length > 1 || next) && (
        <div role="group" aria-label="Pages of Candidates" class="pager">
          <button
            type="button"
            disabled={cursors.length <= 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            Previous page
          </button>
          <button type="button" disabled={!next} onClick={() => setCursors([...cursors, next])}>
            Next page
          </button>
        </div>
      )}
    </>
  );
}
