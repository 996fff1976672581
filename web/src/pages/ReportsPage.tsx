// reports: the program report (enrolled, completed, currently enrolled, certified, promoted,
// districts, county offices) with a bar chart per cohort; As of and Known at; Download CSV.
import { useId, useState } from 'preact/hooks';
import type { View } from '../api/client';
import { DataTable } from '../components/DataTable';
import { CohortChart, Headline, kFigures } from '../components/ReportFigures';
import { ViewStatus } from '../components/ViewStatus';
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';
import { instantToLocalInput, timeTravelQuery } from '../lib/time';
import { useView } from '../lib/useView';
import { list, num, text } from '../lib/view';
import { Instant } from '../components/Instant';

export function ReportsPage(props: { query: URLSearchParams }) {
  const session = useSession();
  const id = useId();
  const asOf = props.query.get('as_of') ?? '';
  const knownAt = props.query.get('known_at') ?? '';
  const parameters = { as_of: asOf, known_at: knownAt };
  const view = useView<View>('/v1/reports/program', parameters);
  const [draftAsOf, setDraftAsOf] = useState(instantToLocalInput(asOf, session.timeZone));
  const [draftKnownAt, setDraftKnownAt] = useState(instantToLocalInput(knownAt, session.timeZone));
  const [error, setError] = useState('');
  const report = view.data;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const asked = timeTravelQuery(draftAsOf, draftKnownAt, session.timeZone);
    if ('error' in asked) {
      setError(asked.error);
      return;
    }
    setError('');
    navigate(`reports${asked.query ? `?${asked.query}` : ''}`);
  };
  return (
    <>
      <h1>Program report</h1>
      <form class="filters" aria-label="Report as of" onSubmit={onSubmit}>
        {error && (
          <p role="alert" class="problem">
            {error}
          </p>
        )}
        <div class="field">
          <label for={`${id}-as-of`}>As of</label>
          <input id={`${id}-as-of`} type="datetime-local" value={draftAsOf} onInput={(e) => setDraftAsOf((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for={`${id}-known-at`}>Known at</label>
          <input id={`${id}-known-at`} type="datetime-local" value={draftKnownAt} onInput={(e) => setDraftKnownAt((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit">Show</button>
      </form>
      <ViewStatus loading={view.loading && !report} problem={view.problem} what="the report" />
      {report && (
        <>
          <p>
            As of <Instant value={text(report, 'as_of')} /> (log position {text(report, 'position')}).
          </p>
          <Headline report={report} label="The program in figures" />
          <CohortChart report={report} title="Each cohort" />
          <DataTable
            caption="Report by cohort"
            rows={list(report, 'cohorts') as View[]}
            rowKey={(row) => text(row, 'cohort')}
            columns={[
              { header: 'Cohort', rowHeader: true, cell: (row) => text(row, 'cohort') },
              ...kFigures.map((figure) => ({
                header: figure.label,
                cell: (row: View) => String(num(row, figure.key) ?? 0),
              })),
            ]}
            csv={{ path: '/v1/reports/program', filename: 'program-report.csv', parameters }}
          />
        </>
      )}
    </>
  );
}
