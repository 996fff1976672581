// certificates: every certificate, filtered by status, each linking to its candidate and to the
// public verification page (CONSOLE.md).
import { useId, useState } from 'preact/hooks';
import { encode, type View } from '../api/client';
import { DataTable } from '../components/DataTable';
import { Link } from '../components/Link';
import { ViewStatus } from '../components/ViewStatus';
import { useView } from '../lib/useView';
import { text } from '../lib/view';
import { capitalised } from '../lib/words';

const kStatuses = ['active', 'due', 'lapsed', 'revoked'];

export function CertificatesPage() {
  const id = useId();
  const [status, setStatus] = useState('');
  const view = useView<{ items: View[] }>('/v1/certificates', { status, limit: 1000 });
  return (
    <>
      <h1>Certificates</h1>
      <div class="filters">
        <div class="field">
          <label for={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(event) => setStatus((event.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">Any</option>
            {kStatuses.map((value) => (
              <option key={value} value={value}>
                {capitalised(value)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ViewStatus loading={view.loading && !view.data} problem={view.problem} what="certificates" />
      <DataTable
        caption="Certificates"
        rows={view.data?.items ?? []}
        rowKey={(row) => text(row, 'number')}
        columns={[
          { header: 'Number', rowHeader: true, cell: (row) => text(row, 'number') },
          {
            header: 'Holder',
            cell: (row) => <Link to={`candidates/${text(row, 'candidate')}`}>{text(row, 'holder') || text(row, 'candidate')}</Link>,
          },
          { header: 'Cohort', cell: (row) => text(row, 'cohort') },
          { header: 'Status', cell: (row) => capitalised(text(row, 'status')) },
          { header: 'Issued', cell: (row) => text(row, 'issued_on') },
          { header: 'Expires', cell: (row) => text(row, 'expires_on') },
          {
            header: 'Public page',
            cell: (row) => (
              <a href={`/verify/${encode(text(row, 'number'))}`}>Verify {text(row, 'number')}</a>
            ),
          },
        ]}
        empty="No certificate matches."
        csv={{ path: '/v1/certificates', filename: 'certificates.csv', parameters: { status } }}
      />
    </>
  );
}
