// Every CEU logged and where it counts (the candidate view's certification.ceus: the cycle it
// counts toward, or why it counts nowhere). Absent when the server's view has no such list.
import type { View } from '../api/client';
import { field, list, obj, text } from '../lib/view';
import { DataTable } from './DataTable';

export function CeuTable(props: { candidate: View }) {
  const certification = obj(props.candidate, 'certification');
  if (!Array.isArray(field(certification, 'ceus'))) return null;
  return (
    <DataTable
      caption="CEUs"
      rows={list(certification, 'ceus') as View[]}
      rowKey={(row, index) => `${text(row, 'position')}-${index}`}
      columns={[
        { header: 'Completed on', rowHeader: true, cell: (row) => text(row, 'completed_on') },
        { header: 'CEUs', cell: (row) => text(row, 'ceus') },
        {
          header: 'Counts toward',
          cell: (row) => {
            const cycle = obj(row, 'cycle');
            return text(cycle, 'from')
              ? `the cycle ${text(cycle, 'from')} to ${text(cycle, 'until')}`
              : text(row, 'counts') || 'nowhere';
          },
        },
        { header: 'Event', cell: (row) => text(row, 'position') },
      ]}
      empty="No CEU logged yet."
    />
  );
}
