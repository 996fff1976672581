// cohorts/{year}: roster, attendance grid, assignments, schedule; Record attendance for a room,
// Reschedule, assignments and applications (CONSOLE.md).
import { useId, useState } from 'preact/hooks';
import { encode, postJson, postRaw, type CommandBody, type View } from '../api/client';
import { CommandForm, InputError, useCommand, type FieldSpec } from '../components/CommandForm';
import { DataTable } from '../components/DataTable';
import { Instant } from '../components/Instant';
import { Link } from '../components/Link';
import { ProblemSummary } from '../components/ProblemSummary';
import { ViewStatus } from '../components/ViewStatus';
import { BodyReader } from '../lib/body';
import { formatCents, instantToLocalInput } from '../lib/time';
import { may, useSession } from '../lib/session';
import { useView } from '../lib/useView';
import { bool, list, num, obj, text } from '../lib/view';
import { attendanceWords, employerKinds, occurredAtField, statusWords } from './shared';

const kAttendedSessions = [0, 1, 2, 3, 4, 5, 6, 7, 8];

export function CohortPage(props: { year: string }) {
  const session = useSession();
  const path = `/v1/cohorts/${encode(props.year)}`;
  const view = useView<View>(path);
  const cohort = view.data;
  const roster = list(cohort, 'roster') as View[];
  const sessions = list(cohort, 'sessions') as View[];
  const assignments = list(cohort, 'assignments') as View[];
  const matrix = obj(cohort, 'attendance');
  const reload = () => view.reload();
  const staff = may(session, 'admin', 'staff');

  return (
    <>
      <h1>Cohort {props.year}</h1>
      <ViewStatus loading={view.loading && !cohort} problem={view.problem} what="the cohort" />
      {cohort && (
        <>
          <p class="summary">
            {text(cohort, 'location')} · applications <Instant value={text(cohort, 'application_opens')} /> to{' '}
            <Instant value={text(cohort, 'application_deadline')} /> · tuition{' '}
            {formatCents(num(cohort, 'tuition_cents'))}
            {num(cohort, 'capacity') !== null && <> · capacity {num(cohort, 'capacity')}</>}
          </p>
          <DataTable
            caption="Roster"
            rows={roster}
            rowKey={(row) => text(row, 'id')}
            columns={[
              {
                header: 'Name',
                rowHeader: true,
                cell: (row) => <Link to={`candidates/${text(row, 'id')}`}>{text(row, 'name')}</Link>,
              },
              { header: 'Status', cell: (row) => statusWords(text(row, 'status')) },
              {
                header: 'Mentor',
                cell: (row) =>
                  text(row, 'mentor') ? (
                    staff || may(session, 'auditor') ? (
                      <Link to={`mentors/${text(row, 'mentor')}`}>{text(row, 'mentor')}</Link>
                    ) : (
                      text(row, 'mentor')
                    )
                  ) : (
                    'none'
                  ),
              },
              {
                header: 'At risk',
                cell: (row) =>
                  bool(row, 'at_risk') ? <span class="badge bad">At risk</span> : 'No',
              },
              {
                header: 'Balance',
                cell: (row) =>
                  num(row, 'balance_cents') === null ? '' : formatCents(num(row, 'balance_cents')),
              },
            ]}
            empty="No one has applied yet."
            csv={{ path: '/v1/candidates', filename: `candidates-${props.year}.csv`, parameters: { cohort: props.year } }}
          />
          <DataTable
            caption="Attendance"
            rows={roster.filter((row) => text(row, 'id') in matrix || isEnrolled(row))}
            rowKey={(row) => text(row, 'id')}
            columns={[
              { header: 'Candidate', rowHeader: true, cell: (row) => text(row, 'name') },
              ...kAttendedSessions.map((n) => ({
                header: `Session ${n}`,
                cell: (row: View) => {
                  const mark = text(obj(matrix, text(row, 'id')), String(n));
                  return mark ? <span class={`mark mark-${mark}`}>{attendanceWords(mark)}</span> : <NotRecorded />;
                },
              })),
              {
                header: 'Final presentation',
                cell: (row: View) => {
                  const marks = obj(matrix, text(row, 'id'));
                  return text(marks, '9') || text(marks, 'final_presentation') || <NotRecorded />;
                },
              },
            ]}
            empty="No one is enrolled yet."
            csv={{ path: `${path}/attendance`, filename: `attendance-${props.year}.csv` }}
          />
          {may(session, 'admin', 'staff', 'instructor') && (
            <RecordAttendance year={props.year} roster={roster.filter(isEnrolled)} onDone={reload} />
          )}
          <DataTable
            caption="Assignments"
            rows={assignments}
            rowKey={(row) => text(row, 'id')}
            columns={[
              { header: 'Id', rowHeader: true, cell: (row) => text(row, 'id') },
              { header: 'Title', cell: (row) => text(row, 'title') },
              { header: 'Session', cell: (row) => text(row, 'session') },
              { header: 'Kind', cell: (row) => text(row, 'kind').replace(/_/g, ' ') },
              { header: 'Due', cell: (row) => <Instant value={text(row, 'due_at')} /> },
            ]}
            empty="No assignment yet."
            csv={{ path: `${path}/grades`, filename: `grades-${props.year}.csv` }}
          />
          {may(session, 'admin', 'staff', 'instructor') && (
            <AddAssignment year={props.year} onDone={reload} />
          )}
          <DataTable
            caption="Schedule"
            rows={sessions}
            rowKey={(row) => text(row, 'number')}
            columns={[
              { header: 'Session', rowHeader: true, cell: (row) => text(row, 'number') },
              { header: 'Title', cell: (row) => text(row, 'title') },
              { header: 'Starts', cell: (row) => <Instant value={text(row, 'starts_at')} /> },
              { header: 'Ends', cell: (row) => <Instant value={text(row, 'ends_at')} /> },
              { header: 'Location', cell: (row) => text(row, 'location') },
              { header: 'Topics', cell: (row) => list(row, 'topics').join(', ') },
              { header: 'Reschedules', cell: (row) => text(row, 'reschedules') || '0' },
            ]}
          />
          <p>
            <a href={`${path}/schedule.ics`}>Subscribe (iCalendar)</a>
          </p>
          {staff && <Reschedule year={props.year} sessions={sessions} onDone={reload} />}
          {staff && <RecordApplication year={props.year} onDone={reload} />}
        </>
      )}
    </>
  );
}

// An empty cell of the grid: a dash to the eye, words to a screen reader.
function NotRecorded() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span class="visually-hidden">not recorded</span>
    </>
  );
}

function isEnrolled(row: View): boolean {
  return ['accepted', 'completed', 'certified'].includes(text(row, 'status'));
}

const kAttendanceOptions = [
  { value: 'present', label: 'Present' },
  { value: 'absent_excused', label: 'Absent, excused' },
  { value: 'absent_unexcused', label: 'Absent, unexcused' },
];

// A room's attendance as one command: every enrolled candidate with a status, saved together.
function RecordAttendance(props: { year: string; roster: View[]; onDone: () => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [sessionNumber, setSessionNumber] = useState('');
  const [marks, setMarks] = useState<Record<string, string>>({});
  const command = useCommand();
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          Record attendance
        </button>
      </p>
    );
  }
  const labels: Record<string, string> = {};
  props.roster.forEach((row, index) => {
    labels[`records[${index}]`] = text(row, 'name');
    labels[`records[${index}].status`] = text(row, 'name');
    labels[`records[${index}].candidate`] = text(row, 'name');
  });
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const ok = await command.run(async () => {
      if (sessionNumber === '') {
        throw new InputError([{ field: 'session', message: 'choose a session' }]);
      }
      const body: CommandBody<'/v1/cohorts/{year}/sessions/{n}/attendance'> = {
        records: props.roster.map((row) => ({
          candidate: text(row, 'id'),
          status: (marks[text(row, 'id')] ?? 'present') as 'present',
        })),
      };
      const records = body.records;
      const answer = await postJson(
        `/v1/cohorts/${encode(props.year)}/sessions/${encode(sessionNumber)}/attendance`,
        body,
      );
      return `Attendance of session ${sessionNumber} saved for ${records.length} candidates (log position ${answer.position}).`;
    });
    if (ok) props.onDone();
  };
  return (
    <form class="command wide" aria-labelledby={`${id}-heading`} onSubmit={onSubmit} noValidate>
      <h2 id={`${id}-heading`}>Record attendance</h2>
      <ProblemSummary problem={command.problem} labels={{ ...labels, session: 'Session' }} />
      <div class="field">
        <label for={`${id}-session`}>Session</label>
        <select
          id={`${id}-session`}
          value={sessionNumber}
          onChange={(event) => setSessionNumber((event.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">—</option>
          {kAttendedSessions.map((n) => (
            <option key={n} value={String(n)}>
              Session {n}
            </option>
          ))}
        </select>
      </div>
      {props.roster.length === 0 ? (
        <p>No one is enrolled in this cohort yet.</p>
      ) : (
        <fieldset>
          <legend>Status of each candidate</legend>
          <div class="fields">
            {props.roster.map((row) => (
              <div class="field" key={text(row, 'id')}>
                <label for={`${id}-${text(row, 'id')}`}>{text(row, 'name')}</label>
                <select
                  id={`${id}-${text(row, 'id')}`}
                  value={marks[text(row, 'id')] ?? 'present'}
                  onChange={(event) =>
                    setMarks({
                      ...marks,
                      [text(row, 'id')]: (event.currentTarget as HTMLSelectElement).value,
                    })
                  }
                >
                  {kAttendanceOptions.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
        </fieldset>
      )}
      <div class="actions">
        <button type="submit" disabled={command.busy || props.roster.length === 0}>
          Save attendance
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      <div role="status" class="status">
        {command.status}
      </div>
    </form>
  );
}

function AddAssignment(props: { year: string; onDone: () => void }) {
  const session = useSession();
  const fields: FieldSpec[] = [
    { name: 'id', label: 'Assignment id', required: true, hint: 'A short id such as A1.' },
    { name: 'title', label: 'Title', required: true },
    {
      name: 'session',
      label: 'Session',
      kind: 'select',
      required: true,
      options: kAttendedSessions.map((n) => ({ value: String(n), label: `Session ${n}` })),
    },
    {
      name: 'kind',
      label: 'Kind',
      kind: 'select',
      required: true,
      options: ['prerequisite', 'homework', 'in_class', 'oral_presentation'].map((value) => ({
        value,
        label: value.replace(/_/g, ' '),
      })),
    },
    { name: 'due_at', label: 'Due', kind: 'datetime', required: true },
    ...occurredAtField(session),
  ];
  return (
    <CommandForm
      title="Add an assignment"
      submitLabel="Add assignment"
      fields={fields}
      headingLevel={2}
      onDone={props.onDone}
      submit={async (values) => {
        const read = new BodyReader(values, session.timeZone);
        const body: CommandBody<'/v1/cohorts/{year}/assignments'> = read.done({
          id: read.requiredText('id'),
          title: read.requiredText('title'),
          session: read.requiredInteger('session'),
          kind: read.requiredText('kind') as 'homework',
          due_at: read.requiredInstant('due_at'),
          occurred_at: read.instant('occurred_at'),
        });
        const answer = await postJson(`/v1/cohorts/${encode(props.year)}/assignments`, body);
        return `Assignment ${body.id} added (log position ${answer.position}).`;
      }}
    />
  );
}

function Reschedule(props: { year: string; sessions: View[]; onDone: () => void }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          Reschedule
        </button>
      </p>
    );
  }
  const fields: FieldSpec[] = [
    {
      name: 'session',
      label: 'Session',
      kind: 'select',
      required: true,
      options: props.sessions.map((row) => ({
        value: text(row, 'number'),
        label: `Session ${text(row, 'number')}: ${text(row, 'title')}`,
      })),
    },
    { name: 'starts_at', label: 'Starts', kind: 'datetime', required: true },
    { name: 'ends_at', label: 'Ends', kind: 'datetime', required: true },
    { name: 'location', label: 'Location' },
    ...occurredAtField(session),
  ];
  return (
    <CommandForm
      title="Reschedule a session"
      submitLabel="Save new time"
      fields={fields}
      headingLevel={2}
      onDone={props.onDone}
      intro={
        <p class="hint">
          The current times are in the Schedule table above, in {session.timeZone}.
          {props.sessions.length > 0 &&
            ` Session 0 starts ${instantToLocalInput(text(props.sessions[0], 'starts_at'), session.timeZone).replace('T', ' ')}.`}
        </p>
      }
      submit={async (values) => {
        const read = new BodyReader(values, session.timeZone);
        const number = read.requiredText('session');
        const body: CommandBody<'/v1/cohorts/{year}/sessions/{n}/reschedule'> = read.done({
          starts_at: read.requiredInstant('starts_at'),
          ends_at: read.requiredInstant('ends_at'),
          location: read.text('location'),
          occurred_at: read.instant('occurred_at'),
        });
        const answer = await postJson(
          `/v1/cohorts/${encode(props.year)}/sessions/${encode(number)}/reschedule`,
          body,
        );
        return `Session ${number} rescheduled (log position ${answer.position}).`;
      }}
    />
  );
}

// An application recorded by staff: the three documents are uploaded first (POST /v1/documents),
// then the application names them.
function RecordApplication(props: { year: string; onDone: () => void }) {
  const session = useSession();
  const fields: FieldSpec[] = [
    { name: 'name', label: 'Name', required: true },
    { name: 'email', label: 'E-mail', kind: 'email', required: true },
    { name: 'position', label: 'Job title', required: true, paths: ['position'] },
    { name: 'employer_name', label: 'Employer', required: true, paths: ['employer.name'] },
    {
      name: 'employer_kind',
      label: 'Employer kind',
      kind: 'select',
      required: true,
      options: employerKinds,
      paths: ['employer.kind'],
    },
    { name: 'cds_code', label: 'CDS code', hint: 'Fourteen digits.', paths: ['employer.cds_code'] },
    { name: 'application', label: 'Application form', kind: 'file', required: true, paths: ['documents.application'] },
    { name: 'resume', label: 'Resume', kind: 'file', required: true, paths: ['documents.resume'] },
    { name: 'nomination', label: 'Nomination', kind: 'file', required: true, paths: ['documents.nomination'] },
    { name: 'requested_mentor_id', label: 'Requested mentor id' },
    ...occurredAtField(session),
  ];
  return (
    <CommandForm
      title="Record an application"
      submitLabel="Record application"
      fields={fields}
      headingLevel={2}
      onDone={props.onDone}
      submit={async (values, files) => {
        const read = new BodyReader(values, session.timeZone);
        const upload = async (name: string) => {
          const file = files[name];
          if (!file) return undefined;
          const answer = await postRaw<{ id: string }>(
            '/v1/documents',
            file,
            file.type || 'application/octet-stream',
          );
          return answer.id;
        };
        const draft = {
          name: read.requiredText('name'),
          email: read.requiredText('email'),
          position: read.requiredText('position'),
          employer: {
            name: read.requiredText('employer_name', 'employer.name'),
            kind: read.requiredText('employer_kind', 'employer.kind') as 'district',
            cds_code: read.text('cds_code'),
          },
          requested_mentor_id: read.text('requested_mentor_id'),
          occurred_at: read.instant('occurred_at'),
        };
        read.done(draft); // refuse what was typed before uploading anything
        const body: CommandBody<'/v1/cohorts/{year}/applications'> = read.done({
          ...draft,
          documents: {
            application: await upload('application'),
            resume: await upload('resume'),
            nomination: await upload('nomination'),
          },
        });
        const answer = await postJson<{ id: string; position: number }>(
          `/v1/cohorts/${encode(props.year)}/applications`,
          body,
        );
        return `Application of ${body.name} recorded as candidate ${answer.id} (log position ${answer.position}).`;
      }}
    />
  );
}
