// users: users and roles; Create user shows the token once; New token for a user who lost
// theirs; Revoke (CONSOLE.md).
import { useState } from 'preact/hooks';
import { encode, postJson, type CommandBody, type View } from '../api/client';
import { CommandForm, useCommand } from '../components/CommandForm';
import { DataTable } from '../components/DataTable';
import { ProblemSummary } from '../components/ProblemSummary';
import { ViewStatus } from '../components/ViewStatus';
import { BodyReader } from '../lib/body';
import { useSession } from '../lib/session';
import { useView } from '../lib/useView';
import { bool, text } from '../lib/view';
import { options } from './shared';

export function UsersPage() {
  const session = useSession();
  const view = useView<{ items: View[] }>('/v1/users', { limit: 1000 });
  const [token, setToken] = useState<{ name: string; token: string } | null>(null);
  const action = useCommand();
  const reload = () => view.reload();
  return (
    <>
      <h1>Users</h1>
      <ViewStatus loading={view.loading && !view.data} problem={view.problem} what="users" />
      <ProblemSummary problem={action.problem} />
      <div role="status" class="status">
        {action.status}
      </div>
      {token && (
        <div class="banner token" role="region" aria-label="New token">
          <p>
            The token of <strong>{token.name}</strong>, shown only this once. Give it to them by a
            safe channel:
          </p>
          <p>
            <code class="secret">{token.token}</code>
          </p>
          <button type="button" onClick={() => setToken(null)}>
            Hide token
          </button>
        </div>
      )}
      <DataTable
        caption="Users"
        rows={view.data?.items ?? []}
        rowKey={(row) => text(row, 'id')}
        columns={[
          { header: 'Name', rowHeader: true, cell: (row) => text(row, 'name') },
          { header: 'Id', cell: (row) => text(row, 'id') },
          { header: 'Role', cell: (row) => text(row, 'role') },
          { header: 'Linked to', cell: (row) => text(row, 'candidate_id') || text(row, 'mentor_id') },
          { header: 'Revoked', cell: (row) => (bool(row, 'revoked') ? 'Yes' : 'No') },
          {
            header: 'Actions',
            cell: (row) =>
              bool(row, 'revoked') ? (
                ''
              ) : (
                <span class="row-actions">
                  <button
                    type="button"
                    disabled={action.busy}
                    onClick={() =>
                      action.run(async () => {
                        const answer = await postJson<{ token: string }>(`/v1/users/${encode(text(row, 'id'))}/tokens`, {});
                        setToken({ name: text(row, 'name'), token: answer.token });
                        reload();
                        return `A new token was made for ${text(row, 'name')}; the old ones no longer work.`;
                      })
                    }
                  >
                    New token
                  </button>
                  <button
                    type="button"
                    disabled={action.busy || text(row, 'id') === session.user.id}
                    onClick={() =>
                      action.run(async () => {
                        await postJson(`/v1/users/${encode(text(row, 'id'))}/revoke`, {});
                        reload();
                        return `${text(row, 'name')} was revoked; their tokens stopped working.`;
                      })
                    }
                  >
                    Revoke
                  </button>
                </span>
              ),
          },
        ]}
      />
      <CommandForm
        title="Create a user"
        submitLabel="Create user"
        headingLevel={2}
        fields={[
          { name: 'name', label: 'Name', required: true },
          { name: 'role', label: 'Role', kind: 'select', required: true, options: options(['admin', 'staff', 'instructor', 'mentor', 'candidate', 'auditor']) },
          { name: 'candidate_id', label: 'Candidate id', hint: 'For a candidate: the candidate record it reads.' },
          { name: 'mentor_id', label: 'Mentor id', hint: 'For a mentor: the mentor record it reads.' },
        ]}
        onDone={reload}
        submit={async (values) => {
          const read = new BodyReader(values, session.timeZone);
          const body: CommandBody<'/v1/users'> = read.done({
            name: read.requiredText('name'),
            role: read.requiredText('role') as 'staff',
            candidate_id: read.text('candidate_id'),
            mentor_id: read.text('mentor_id'),
          });
          const answer = await postJson<{ id: string; token: string }>('/v1/users', body);
          setToken({ name: body.name, token: answer.token });
          return `User ${body.name} created as ${answer.id}; their token is shown above, once.`;
        }}
      />
    </>
  );
}
