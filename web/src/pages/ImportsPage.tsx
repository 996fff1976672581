// imports: a kind and a CSV file; Check file (a dry run: each row accepted or refused with why)
// and Import (CONSOLE.md; POST /v1/imports/{kind} of API.md, docs/imports.md). Rows an earlier
// import recorded count as accepted and are not recorded again.
import { useId, useState } from 'preact/hooks';
import { encode, postRaw, type View } from '../api/client';
import { InputError, useCommand } from '../components/CommandForm';
import { DataTable } from '../components/DataTable';
import { ProblemSummary } from '../components/ProblemSummary';
import { list, text } from '../lib/view';

const kKinds = [
  'applications', 'mentors', 'decision', 'payments', 'attendance', 'makeups', 'participation',
  'submissions', 'grades', 'portfolio', 'meetings', 'reviews', 'final-presentation',
  'mentor-assessment', 'feedback', 'employment', 'drop', 'certification', 'ceus',
  'annual-documentation', 'promotions',
];

export function ImportsPage() {
  const id = useId();
  const [kind, setKind] = useState('applications');
  const [file, setFile] = useState<File | undefined>();
  const [result, setResult] = useState<{ dryRun: boolean; answer: View } | null>(null);
  const command = useCommand();
  const send = (dryRun: boolean) =>
    command.run(async () => {
      if (!file) throw new InputError([{ field: 'file', message: 'choose a CSV file' }]);
      const answer = await postRaw<View>(`/v1/imports/${encode(kind)}`, file, 'text/csv', {
        dry_run: String(dryRun),
      });
      setResult({ dryRun, answer });
      const refused = list(answer, 'refused').length;
      return dryRun
        ? `Checked ${text(answer, 'rows')} rows: ${text(answer, 'accepted')} would be accepted, ${refused} refused. Nothing was recorded.`
        : `Imported: ${text(answer, 'accepted')} of ${text(answer, 'rows')} rows accepted, ${text(answer, 'appended')} recorded now, ${refused} refused.`;
    });
  return (
    <>
      <h1>Imports</h1>
      <form class="command wide" aria-labelledby={`${id}-heading`} onSubmit={(event) => event.preventDefault()}>
        <h2 id={`${id}-heading`}>Import a CSV file</h2>
        <p class="hint">
          The columns are the fields of the command's body (nested ones joined by dots), plus
          occurred_at, cohort and candidate.{' '}
          <a href={`/v1/imports/templates/${encode(kind)}.csv`}>Template for {kind}</a>
        </p>
        <ProblemSummary problem={command.problem} labels={{ file: 'CSV file' }} />
        <div class="fields">
          <div class="field">
            <label for={`${id}-kind`}>Kind</label>
            <select id={`${id}-kind`} value={kind} onChange={(event) => setKind((event.currentTarget as HTMLSelectElement).value)}>
              {kKinds.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${id}-file`}>CSV file</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".csv,text/csv"
              onChange={(event) => setFile((event.currentTarget as HTMLInputElement).files?.[0])}
            />
          </div>
        </div>
        <div class="actions">
          <button type="button" disabled={command.busy} onClick={() => send(true)}>
            Check file
          </button>
          <button type="button" disabled={command.busy} onClick={() => send(false)}>
            Import
          </button>
        </div>
        <div role="status" class="status">
          {command.status}
        </div>
      </form>
      {result && (
        <DataTable
          caption={result.dryRun ? 'Rows refused by the check' : 'Rows refused by the import'}
          rows={list(result.answer, 'refused') as View[]}
          rowKey={(row) => text(row, 'row')}
          columns={[
            { header: 'Row', rowHeader: true, cell: (row) => text(row, 'row') },
            { header: 'Code', cell: (row) => text(row, 'code') },
            { header: 'Why', cell: (row) => text(row, 'detail') },
          ]}
          empty="Every row was accepted."
        />
      )}
    </>
  );
}
