// mentors and mentors/{id}: qualifications, flags, approval, contract, mentees per cohort,
// meetings; forms Approve and Record contract; and a form to add a mentor (CONSOLE.md).
import { encode, postJson, type CommandBody, type View } from '../api/client';
import { CommandForm, type FieldSpec } from '../components/CommandForm';
import { DataTable } from '../components/DataTable';
import { Link } from '../components/Link';
import { ViewStatus } from '../components/ViewStatus';
import { BodyReader } from '../lib/body';
import { may, useSession } from '../lib/session';
import { useView } from '../lib/useView';
import { list, num, obj, text } from '../lib/view';
import { plain } from '../lib/words';
import { employerKinds, occurredAtField, options } from './shared';

export function MentorsPage() {
  const session = useSession();
  const view = useView<{ items: View[] }>('/v1/mentors', { limit: 1000 });
  return (
    <>
      <h1>Mentors</h1>
      <ViewStatus loading={view.loading && !view.data} problem={view.problem} what="mentors" />
      <DataTable
        caption="Mentors"
        rows={view.data?.items ?? []}
        rowKey={(row) => text(row, 'id')}
        columns={[
          {
            header: 'Name',
            rowHeader: true,
            cell: (row) => <Link to={`mentors/${text(row, 'id')}`}>{text(row, 'name')}</Link>,
          },
          { header: 'Employer', cell: (row) => text(obj(row, 'employer'), 'name') },
          { header: 'Approval', cell: (row) => plain(text(row, 'approval') || 'pending') },
          { header: 'Contract signed', cell: (row) => text(row, 'contract_signed_on') || 'no' },
          { header: 'Flags', cell: (row) => list(row, 'flags').map(String).map(plain).join(', ') },
          {
            header: 'Mentees',
            cell: (row) =>
              String(Object.values(obj(row, 'mentees')).reduce<number>((sum, ids) => sum + (Array.isArray(ids) ? ids.length : 0), 0)),
          },
        ]}
        empty="No mentor yet."
      />
      {may(session, 'admin', 'staff') && <AddMentor onDone={() => view.reload()} />}
    </>
  );
}

function AddMentor(props: { onDone: () => void }) {
  const session = useSession();
  const fields: FieldSpec[] = [
    { name: 'name', label: 'Name', required: true },
    { name: 'email', label: 'E-mail', kind: 'email', required: true },
    { name: 'position', label: 'Job title', required: true },
    { name: 'employer_name', label: 'Employer', required: true, paths: ['employer.name'] },
    { name: 'employer_kind', label: 'Employer kind', kind: 'select', required: true, options: employerKinds, paths: ['employer.kind'] },
    { name: 'currently_k12_leader', label: 'Currently a K-12 technology leader', kind: 'checkbox' },
    { name: 'hands_on_experience', label: 'Hands-on experience', kind: 'checkbox' },
    { name: 'qualification', label: 'Qualification', kind: 'select', options: options(['business_degree', 'cto_certification', 'work_experience']) },
    { name: 'years_k12_leadership', label: 'Years of K-12 leadership', kind: 'number', required: true },
    { name: 'cohort', label: 'Cohort served', kind: 'number' },
    ...occurredAtField(session),
  ];
  return (
    <CommandForm
      title="Add a mentor"
      submitLabel="Add mentor"
      fields={fields}
      headingLevel={2}
      onDone={props.onDone}
      submit={async (values) => {
        const read = new BodyReader(values, session.timeZone);
        const body: CommandBody<'/v1/mentors'> = read.done({
          name: read.requiredText('name'),
          email: read.requiredText('email'),
          position: read.requiredText('position'),
          employer: {
            name: read.requiredText('employer_name', 'employer.name'),
            kind: read.requiredText('employer_kind', 'employer.kind') as 'district',
          },
          currently_k12_leader: read.boolean('currently_k12_leader'),
          hands_on_experience: read.boolean('hands_on_experience'),
          qualification: read.text('qualification') as 'work_experience' | undefined,
          years_k12_leadership: read.requiredInteger('years_k12_leadership'),
          cohort: read.integer('cohort'),
          occurred_at: read.instant('occurred_at'),
        });
        const answer = await postJson('/v1/mentors', body);
        return `Mentor ${body.name} added as ${answer.id} (log position ${answer.position}).`;
      }}
    />
  );
}

export function MentorPage(props: { id: string }) {
  const session = useSession();
  const view = useView<View>(`/v1/mentors/${encode(props.id)}`);
  const mentor = view.data;
  const qualifications = obj(mentor, 'qualifications');
  const mentees = obj(mentor, 'mentees');
  const staff = may(session, 'admin', 'staff');
  return (
    <>
      <h1>{mentor ? text(mentor, 'name') : 'Mentor'}</h1>
      <ViewStatus loading={view.loading && !mentor} problem={view.problem} what="the mentor" />
      {mentor && (
        <>
          <dl class="facts">
            <dt>E-mail</dt>
            <dd>{text(mentor, 'email')}</dd>
            <dt>Employer</dt>
            <dd>
              {text(obj(mentor, 'employer'), 'name')}, {text(mentor, 'position_title')}
            </dd>
            <dt>Qualifications</dt>
            <dd>
              {qualifications.currently_k12_leader ? 'currently a K-12 leader' : 'not currently a K-12 leader'};{' '}
              {qualifications.hands_on_experience ? 'hands-on experience' : 'no hands-on experience'};{' '}
              {plain(text(qualifications, 'qualification') || 'no qualification')};{' '}
              {num(qualifications, 'years_k12_leadership') ?? 0} years of K-12 leadership
            </dd>
            <dt>Flags</dt>
            <dd>{list(mentor, 'flags').map(String).map(plain).join(', ') || 'none'}</dd>
            <dt>Approval</dt>
            <dd>
              {plain(text(mentor, 'approval') || 'pending')}
              {text(mentor, 'approval_reason') && ` (${text(mentor, 'approval_reason')})`}
            </dd>
            <dt>Contract</dt>
            <dd>{text(mentor, 'contract_signed_on') ? `signed on ${text(mentor, 'contract_signed_on')}` : 'not signed'}</dd>
            <dt>Meetings logged</dt>
            <dd>{text(mentor, 'meetings_logged') || '0'}</dd>
          </dl>
          <DataTable
            caption="Mentees"
            rows={Object.entries(mentees).flatMap(([year, ids]) =>
              (Array.isArray(ids) ? ids : []).map((id) => ({ year, id: String(id) })),
            )}
            rowKey={(row) => row.id}
            columns={[
              { header: 'Cohort', cell: (row) => row.year },
              {
                header: 'Candidate',
                rowHeader: true,
                cell: (row) => <Link to={`candidates/${row.id}`}>{row.id}</Link>,
              },
            ]}
            empty="No mentee yet."
          />
          {staff && (
            <div class="forms">
              <CommandForm
                title="Approve"
                submitLabel="Approve"
                fields={[
                  { name: 'decision', label: 'Decision', kind: 'select', required: true, options: options(['approved', 'rejected']), initial: 'approved' },
                  { name: 'reason', label: 'Reason', kind: 'textarea' },
                  ...occurredAtField(session),
                ]}
                onDone={() => view.reload()}
                submit={async (values) => {
                  const read = new BodyReader(values, session.timeZone);
                  const body: CommandBody<'/v1/mentors/{id}/approval'> = read.done({
                    decision: read.requiredText('decision') as 'approved',
                    reason: read.text('reason'),
                    occurred_at: read.instant('occurred_at'),
                  });
                  const answer = await postJson(`/v1/mentors/${encode(props.id)}/approval`, body);
                  return `Mentor ${body.decision} (log position ${answer.position}).`;
                }}
              />
              <CommandForm
                title="Record contract"
                submitLabel="Record contract"
                fields={[
                  { name: 'signed_on', label: 'Signed on', kind: 'date', required: true },
                  ...occurredAtField(session),
                ]}
                onDone={() => view.reload()}
                submit={async (values) => {
                  const read = new BodyReader(values, session.timeZone);
                  const body: CommandBody<'/v1/mentors/{id}/contract'> = read.done({
                    signed_on: read.requiredText('signed_on'),
                    occurred_at: read.instant('occurred_at'),
                  });
                  const answer = await postJson(`/v1/mentors/${encode(props.id)}/contract`, body);
                  return `Contract signed on ${body.signed_on} recorded (log position ${answer.position}).`;
                }}
              />
            </div>
          )}
        </>
      )}
    </>
  );
}
