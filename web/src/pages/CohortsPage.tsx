// cohorts: every cohort, and Open cohort for admin and staff (CONSOLE.md).
import { useId, useState } from 'preact/hooks';
import { postJson, type CommandBody, type View } from '../api/client';
import { Field, useCommand, type Values } from '../components/CommandForm';
import { DataTable } from '../components/DataTable';
import { Instant } from '../components/Instant';
import { Link } from '../components/Link';
import { ProblemSummary } from '../components/ProblemSummary';
import { ViewStatus } from '../components/ViewStatus';
import { BodyReader } from '../lib/body';
import { useSession, may } from '../lib/session';
import { useView } from '../lib/useView';
import { num, obj, text } from '../lib/view';

// Statuses of someone who was enrolled (accepted into the cohort), whatever came after.
const kEnrolled = ['accepted', 'completed', 'certified', 'dropped', 'released'];

export function enrolledCount(cohort: View): number {
  const counts = obj(cohort, 'counts');
  return kEnrolled.reduce((sum, status) => sum + (num(counts, status) ?? 0), 0);
}

export function CohortsPage() {
  const session = useSession();
  const view = useView<{ items: View[] }>('/v1/cohorts', { limit: 1000 });
  const [opening, setOpening] = useState(false);
  const [opened, setOpened] = useState('');
  const cohorts = view.data?.items ?? [];
  return (
    <>
      <h1>Cohorts</h1>
      <ViewStatus loading={view.loading && !view.data} problem={view.problem} what="cohorts" />
      {may(session, 'admin', 'staff') &&
        (opening ? (
          <OpenCohortForm
            onClose={() => setOpening(false)}
            onOpened={(message) => {
              setOpened(message);
              setOpening(false);
              view.reload();
            }}
          />
        ) : (
          <p>
            <button
              type="button"
              onClick={() => {
                setOpened('');
                setOpening(true);
              }}
            >
              Open cohort
            </button>
          </p>
        ))}
      <div role="status" class="status">
        {opened}
      </div>
      <DataTable
        caption="Cohorts"
        rows={cohorts}
        rowKey={(row) => text(row, 'year')}
        columns={[
          {
            header: 'Year',
            rowHeader: true,
            cell: (row) => <Link to={`cohorts/${text(row, 'year')}`}>{text(row, 'year')}</Link>,
          },
          { header: 'Location', cell: (row) => text(row, 'location') },
          {
            header: 'Application window',
            cell: (row) => (
              <>
                <Instant value={text(row, 'application_opens')} /> to{' '}
                <Instant value={text(row, 'application_deadline')} />
              </>
            ),
          },
          { header: 'Enrolled', cell: (row) => String(enrolledCount(row)) },
          { header: 'Certified', cell: (row) => String(num(obj(row, 'counts'), 'certified') ?? 0) },
        ]}
        empty="No cohort yet."
      />
    </>
  );
}

const kSessionNumbers = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

function defaultTitle(n: number): string {
  if (n === 0) return 'Kickoff';
  if (n === 9) return 'Final Presentations and Commencement';
  return `Session ${n}`;
}

function OpenCohortForm(props: { onClose: () => void; onOpened: (message: string) => void }) {
  const session = useSession();
  const id = useId();
  const command = useCommand();
  const [values, setValues] = useState<Values>(() => {
    const initial: Values = {};
    for (const n of kSessionNumbers) initial[`s${n}_title`] = defaultTitle(n);
    return initial;
  });
  const set = (name: string) => (value: string) => setValues({ ...values, [name]: value });
  const errors = (path: string) =>
    (command.problem?.errors ?? [])
      .filter((error) => error.field === path || error.field.startsWith(path + '.'))
      .map((error) => error.message);
  const sessionErrors = (n: number, key: string) => errors(`sessions[${n}].${key}`);

  const labels: Record<string, string> = {
    year: 'Year',
    application_opens: 'Application opens',
    application_deadline: 'Application deadline',
    tuition_cents: 'Tuition',
    capacity: 'Capacity',
    location: 'Location',
  };
  for (const n of kSessionNumbers) {
    labels[`sessions[${n}]`] = `Session ${n}`;
    for (const key of ['title', 'starts_at', 'ends_at', 'topics', 'location']) {
      // "starts_at" reads as its field's label does: "Session 5 starts".
      labels[`sessions[${n}].${key}`] = `Session ${n} ${key.replace('_at', '')}`;
    }
  }

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    let message = '';
    const ok = await command.run(async () => {
      const read = new BodyReader(values, session.timeZone);
      const body: CommandBody<'/v1/cohorts'> = read.done({
        year: read.requiredInteger('year'),
        application_opens: read.requiredInstant('application_opens'),
        application_deadline: read.requiredInstant('application_deadline'),
        tuition_cents: read.requiredCents('tuition_cents'),
        capacity: read.integer('capacity'),
        location: read.requiredText('location'),
        occurred_at: read.instant('occurred_at'),
        sessions: kSessionNumbers.map((n) => ({
          number: n,
          title: read.requiredText(`s${n}_title`, `sessions[${n}].title`),
          topics: (read.text(`s${n}_topics`) ?? '')
            .split(',')
            .map((topic) => topic.trim())
            .filter(Boolean),
          starts_at: read.requiredInstant(`s${n}_starts`, `sessions[${n}].starts_at`),
          ends_at: read.requiredInstant(`s${n}_ends`, `sessions[${n}].ends_at`),
          location: read.text(`s${n}_location`),
        })),
      });
      const answer = await postJson('/v1/cohorts', body);
      message = `Cohort ${answer.id} opened with its ten sessions (log position ${answer.position}).`;
      return message;
    });
    if (ok) props.onOpened(message);
  };

  const field = (
    name: string,
    label: string,
    kind: 'text' | 'number' | 'datetime' | 'money' = 'text',
    options: { required?: boolean; hint?: string; paths?: string[] } = {},
  ) => (
    <Field
      id={`${id}-${name}`}
      field={{ name, label, kind, required: options.required ?? true, hint: options.hint }}
      value={values[name] ?? ''}
      errors={(options.paths ?? [name]).flatMap(errors)}
      onValue={set(name)}
    />
  );

  return (
    <form class="command wide" aria-labelledby={`${id}-heading`} onSubmit={onSubmit} noValidate>
      <h2 id={`${id}-heading`}>Open a cohort</h2>
      <p class="hint">
        Times are in the program's time zone ({session.timeZone}). Sessions 0 to 9 come in time
        order, inside the cohort's year and after the application deadline.
      </p>
      <ProblemSummary problem={command.problem} labels={labels} />
      <div class="fields">
        {field('year', 'Year', 'number')}
        {field('location', 'Location')}
        {field('application_opens', 'Application opens', 'datetime')}
        {field('application_deadline', 'Application deadline', 'datetime')}
        {field('tuition_cents', 'Tuition', 'money', { hint: 'In dollars, such as 2500.00.' })}
        {field('capacity', 'Capacity', 'number', { required: false })}
        {field('occurred_at', 'When it happened', 'datetime', {
          required: false,
          hint: 'Leave empty for now; staff may record a past fact.',
        })}
      </div>
      {kSessionNumbers.map((n) => (
        <fieldset key={n} class="session-row">
          <legend>Session {n}</legend>
          <div class="fields">
            <Field
              id={`${id}-s${n}-title`}
              field={{ name: `s${n}_title`, label: `Session ${n} title`, required: true }}
              value={values[`s${n}_title`] ?? ''}
              errors={sessionErrors(n, 'title')}
              onValue={set(`s${n}_title`)}
            />
            <Field
              id={`${id}-s${n}-starts`}
              field={{ name: `s${n}_starts`, label: `Session ${n} starts`, kind: 'datetime', required: true }}
              value={values[`s${n}_starts`] ?? ''}
              errors={[...sessionErrors(n, 'starts_at'), ...errors(`sessions[${n}]`)]}
              onValue={set(`s${n}_starts`)}
            />
            <Field
              id={`${id}-s${n}-ends`}
              field={{ name: `s${n}_ends`, label: `Session ${n} ends`, kind: 'datetime', required: true }}
              value={values[`s${n}_ends`] ?? ''}
              errors={sessionErrors(n, 'ends_at')}
              onValue={set(`s${n}_ends`)}
            />
            <Field
              id={`${id}-s${n}-topics`}
              field={{
                name: `s${n}_topics`,
                label: `Session ${n} topics`,
                hint: 'Separated by commas.',
              }}
              value={values[`s${n}_topics`] ?? ''}
              errors={sessionErrors(n, 'topics')}
              onValue={set(`s${n}_topics`)}
            />
            <Field
              id={`${id}-s${n}-location`}
              field={{ name: `s${n}_location`, label: `Session ${n} location` }}
              value={values[`s${n}_location`] ?? ''}
              errors={sessionErrors(n, 'location')}
              onValue={set(`s${n}_location`)}
            />
          </div>
        </fieldset>
      ))}
      <div class="actions">
        <button type="submit" disabled={command.busy}>
          Open cohort
        </button>
        <button type="button" class="secondary" onClick={props.onClose}>
          Close
        </button>
      </div>
      <div role="status" class="status">
        {command.status}
      </div>
    </form>
  );
}

