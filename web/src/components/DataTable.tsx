// Every list is a table with a caption; a long one pages, and one the API offers as CSV has a
// Download CSV button.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { downloadCsv } from '../api/client';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  rowHeader?: boolean;
}

export interface CsvSource {
  path: string;
  filename: string;
  parameters?: Record<string, string | number | undefined | null>;
}

export function DataTable<Row>(props: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row, index: number) => string;
  pageSize?: number;
  csv?: CsvSource;
  empty?: string;
}) {
  const pageSize = props.pageSize ?? 50;
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(props.rows.length / pageSize));
  const shownPage = Math.min(page, pages - 1);
  const shown = props.rows.slice(shownPage * pageSize, (shownPage + 1) * pageSize);
  const [csvError, setCsvError] = useState('');
  return (
    <div class="table-block">
      <div class="table-scroll">
        <table>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th scope="col" key={column.header}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={props.columns.length}>{props.empty ?? 'None.'}</td>
              </tr>
            )}
            {shown.map((row, index) => (
              <tr key={props.rowKey(row, index)}>
                {props.columns.map((column) =>
                  column.rowHeader ? (
                    <th scope="row" key={column.header}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.header}>{column.cell(row)}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-tools">
        {pages > 1 && (
          <div role="group" aria-label={`Pages of ${props.caption}`} class="pager">
            <button type="button" disabled={shownPage === 0} onClick={() => setPage(shownPage - 1)}>
              Previous page
            </button>
            <span>
              Page {shownPage + 1} of {pages}
            </span>
            <button
              type="button"
              disabled={shownPage >= pages - 1}
              onClick={() => setPage(shownPage + 1)}
            >
              Next page
            </button>
          </div>
        )}
        {props.csv && (
          <button
            type="button"
            onClick={() => {
              const csv = props.csv!;
              setCsvError('');
              downloadCsv(csv.path, csv.filename, csv.parameters).catch((error) =>
                setCsvError(String(error.message ?? error)),
              );
            }}
          >
            Download CSV
          </button>
        )}
        {csvError && <p role="alert">{csvError}</p>}
      </div>
    </div>
  );
}
