// candidates/{id}: the candidate's name, status, Requirements, Actions (every command the role
// may send), History and Time travel (CONSOLE.md). A section whose API the role may not call is
// absent.
import { useEffect, useId, useState } from 'preact/hooks';
import { encode, getJson, type View } from '../api/client';
import { CommandForm } from '../components/CommandForm';
import { CeuTable } from '../components/CeuTable';
import { Instant } from '../components/Instant';
import { Link } from '../components/Link';
import { Requirements, RequirementsFromView, type Explanation } from '../components/Requirements';
import { ViewStatus } from '../components/ViewStatus';
import { navigate } from '../lib/router';
import { may, useSession, type Session } from '../lib/session';
import { instantToLocalInput, timeTravelQuery, formatCents } from '../lib/time';
import { useView } from '../lib/useView';
import { bool, field, list, num, obj, show, text } from '../lib/view';
import { capitalised, plain, requirementWords } from '../lib/words';
import { candidateCommands, sendCandidateCommand, type CandidateCommand } from './candidateCommands';
import { attendanceWords, occurredAtField, statusWords } from './shared';

export function CandidatePage(props: { id: string; query: URLSearchParams }) {
  const session = useSession();
  const asOf = props.query.get('as_of') ?? '';
  const knownAt = props.query.get('known_at') ?? '';
  const past = Boolean(asOf || knownAt);
  const parameters = { as_of: asOf, known_at: knownAt };
  const path = `/v1/candidates/${encode(props.id)}`;
  const view = useView<View>(path, parameters);
  // GET .../explain is for admin, staff, auditor, the candidate and their mentor (API.md); an
  // instructor's Requirements come from the candidate view itself.
  const readsExplain = may(session, 'admin', 'staff', 'auditor', 'candidate', 'mentor');
  const explain = useView<Explanation>(readsExplain ? `${path}/explain` : null, parameters);
  const readsHistory = may(session, 'admin', 'staff', 'auditor');
  const history = useView<View>(readsHistory ? `${path}/history` : null);
  const candidate = view.data;
  const reload = () => {
    view.reload();
    if (readsExplain) explain.reload();
    if (readsHistory) history.reload();
  };

  return (
    <>
      <h1>{candidate ? text(candidate, 'name') : 'Candidate'}</h1>
      {past && <PastBanner asOf={asOf} knownAt={knownAt} id={props.id} />}
      <ViewStatus loading={view.loading && !candidate} problem={view.problem} what="the candidate" />
      {candidate && (
        <>
          <CandidateSummary candidate={candidate} />
          <CeuTable candidate={candidate} />
          <section aria-labelledby="requirements-title">
            <h2 id="requirements-title">Requirements</h2>
            {readsExplain ? (
              <>
                <ViewStatus loading={explain.loading && !explain.data} problem={explain.problem} what="requirements" />
                {explain.data && (
                  <Requirements
                    explanation={explain.data}
                    headingLevel={3}
                    eventAnchor={readsHistory ? (position) => `event-${position}` : undefined}
                  />
                )}
              </>
            ) : (
              <RequirementsFromView candidate={candidate} headingLevel={3} />
            )}
          </section>
          {!past && <Actions candidate={candidate} onDone={reload} />}
          {readsHistory && (
            <section aria-labelledby="history-title">
              <h2 id="history-title">History</h2>
              <ViewStatus loading={history.loading && !history.data} problem={history.problem} what="history" />
              {history.data && <HistoryTable events={list(history.data, 'events') as View[]} />}
            </section>
          )}
          <TimeTravel key={`${asOf}|${knownAt}`} id={props.id} asOf={asOf} knownAt={knownAt} />
        </>
      )}
    </>
  );
}

function PastBanner(props: { asOf: string; knownAt: string; id: string }) {
  return (
    <div class="banner" role="region" aria-label="Time travel">
      <p>
        <strong>This page shows the past</strong>
        {props.asOf && (
          <>
            {' '}
            as of <Instant value={props.asOf} />
          </>
        )}
        {props.knownAt && (
          <>
            {props.asOf ? ',' : ''} as known at <Instant value={props.knownAt} />
          </>
        )}
        . Commands are not offered here.
      </p>
      <button type="button" onClick={() => navigate(`candidates/${encode(props.id)}`)}>
        Back to now
      </button>
    </div>
  );
}

export function CandidateSummary(props: { candidate: View }) {
  const session = useSession();
  const c = props.candidate;
  const certification = obj(c, 'certification');
  const attendance = obj(c, 'attendance');
  const assignments = obj(c, 'assignments');
  const portfolio = obj(c, 'portfolio');
  const meetings = obj(c, 'meetings');
  const employer = obj(c, 'employer');
  const staffish = may(session, 'admin', 'staff', 'instructor', 'auditor');
  return (
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <span class={`badge status-${text(c, 'status')}`}>{statusWords(text(c, 'status'))}</span>
        {bool(c, 'at_risk') && <span class="badge bad">At risk</span>}
      </dd>
      <dt>Cohort</dt>
      <dd>{staffish ? <Link to={`cohorts/${text(c, 'cohort')}`}>{text(c, 'cohort')}</Link> : text(c, 'cohort')}</dd>
      <dt>E-mail</dt>
      <dd>{text(c, 'email')}</dd>
      <dt>Employer</dt>
      <dd>
        {text(employer, 'name')} {text(employer, 'kind') && `(${plain(text(employer, 'kind'))})`}
        {text(c, 'position_title') && `, ${text(c, 'position_title')}`}
      </dd>
      <dt>Mentor</dt>
      <dd>{text(c, 'mentor') || 'none'}</dd>
      <dt>Balance due</dt>
      <dd>{formatCents(num(c, 'balance_cents'))}</dd>
      <dt>Attendance</dt>
      <dd>
        {Object.keys(attendance).length === 0
          ? 'none recorded'
          : Object.entries(attendance)
              .map(([n, mark]) => `${n}: ${attendanceWords(String(mark))}`)
              .join(', ')}
      </dd>
      <dt>Assignments</dt>
      <dd>
        {Object.keys(assignments).length === 0
          ? 'none'
          : Object.entries(assignments)
              .map(([id, result]) => `${id}: ${String(result)}`)
              .join(', ')}
      </dd>
      <dt>Portfolio</dt>
      <dd>
        {show(portfolio.artifacts ?? 0)} artifacts, {show(portfolio.reflections ?? 0)} reflections,
        curriculum summary {portfolio.curriculum_summary ? 'in' : 'missing'}
      </dd>
      <dt>Mentor meetings</dt>
      <dd>
        {Object.entries(meetings)
          .map(([kind, count]) => `${plain(kind)}: ${show(count)}`)
          .join(', ') || 'none'}
      </dd>
      <dt>Completion</dt>
      <dd>
        {bool(obj(c, 'completion'), 'met')
          ? 'met'
          : `not yet met: ${list(obj(c, 'completion'), 'unmet').map((code) => requirementWords(String(code))).join('; ') || '—'}`}
      </dd>
      <dt>Certification</dt>
      <dd>
        {text(certification, 'state') === 'certified' ? (
          <>
            certificate {text(certification, 'certificate')}, {text(certification, 'status')}, issued{' '}
            {text(certification, 'issued_on')}, expires {text(certification, 'expires_on')}
          </>
        ) : (
          capitalised(text(certification, 'state') || 'none')
        )}
      </dd>
      <dt>CEUs in cycle</dt>
      <dd>{text(certification, 'ceus_in_cycle') || '0'}</dd>
    </dl>
  );
}

function Actions(props: { candidate: View; onDone: () => void }) {
  const session = useSession();
  const [mentors, setMentors] = useState<{ value: string; label: string }[]>([]);
  const staff = may(session, 'admin', 'staff');
  useEffect(() => {
    if (!staff) return;
    getJson<{ items: View[] }>('/v1/mentors', { limit: 1000 })
      .then((answer) =>
        setMentors(
          (answer.items ?? []).map((m) => ({
            value: text(m, 'id'),
            label: `${text(m, 'name')} (${text(m, 'approval') || 'pending'})`,
          })),
        ),
      )
      .catch(() => setMentors([]));
  }, [staff]);
  const commands = candidateCommands({
    assignments: Object.keys(obj(props.candidate, 'assignments')),
    mentors,
  }).filter((command) => (command.roles as string[]).includes(session.user.role));
  if (commands.length === 0) return null;
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      <p class="hint">Go straight to a form:</p>
      <ul class="jump">
        {commands.map((command) => (
          <li key={command.route}>
            <a href={`#action-${text(props.candidate, 'id')}-${command.route}`}>{command.title}</a>
          </li>
        ))}
      </ul>
      <div class="forms">
        {commands.map((command) => (
          <CandidateCommandForm
            key={command.route}
            command={command}
            candidate={props.candidate}
            session={session}
            onDone={props.onDone}
          />
        ))}
      </div>
    </section>
  );
}

export function CandidateCommandForm(props: {
  command: CandidateCommand;
  candidate: View;
  session: Session;
  onDone: () => void;
  headingLevel?: 2 | 3;
}) {
  const { command, candidate, session } = props;
  return (
    <CommandForm
      anchor={`action-${text(candidate, 'id')}-${command.route}`}
      title={command.title}
      submitLabel={command.submitLabel}
      headingLevel={props.headingLevel ?? 3}
      fields={[...command.fields, ...occurredAtField(session)]}
      onDone={props.onDone}
      submit={async (values, files) => {
        const answer = await sendCandidateCommand(
          command,
          text(candidate, 'id'),
          values,
          files,
          session.timeZone,
        );
        return (
          command.done?.(answer) ??
          `${command.title} recorded for ${text(candidate, 'name')} (log position ${answer.position}).`
        );
      }}
    />
  );
}

function HistoryTable(props: { events: View[] }) {
  return (
    <div class="table-scroll">
      <table class="history">
        <caption>History</caption>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Type</th>
            <th scope="col">Happened</th>
            <th scope="col">Recorded</th>
            <th scope="col">By</th>
            <th scope="col">Data</th>
            <th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((event) => {
            const actor = field(event, 'actor');
            return (
              <tr key={text(event, 'position')} id={`event-${text(event, 'position')}`} tabIndex={-1}>
                <th scope="row">{text(event, 'position')}</th>
                <td>{plain(text(event, 'type'))}</td>
                <td>
                  <Instant value={text(event, 'occurred_at')} />
                </td>
                <td>
                  <Instant value={text(event, 'recorded_at')} />
                </td>
                <td>{typeof actor === 'string' ? actor : [text(actor, 'user_id') || text(actor, 'id'), text(actor, 'role')].filter(Boolean).join(', ')}</td>
                <td>
                  <code class="data">{JSON.stringify(field(event, 'data') ?? {})}</code>
                </td>
                <td>
                  <code class="hash">{text(event, 'hash').slice(0, 16)}…</code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function TimeTravel(props: { id: string; asOf: string; knownAt: string }) {
  const session = useSession();
  const id = useId();
  const [asOf, setAsOf] = useState(instantToLocalInput(props.asOf, session.timeZone));
  const [knownAt, setKnownAt] = useState(instantToLocalInput(props.knownAt, session.timeZone));
  const [error, setError] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const asked = timeTravelQuery(asOf, knownAt, session.timeZone);
    if ('error' in asked) {
      setError(asked.error);
      return;
    }
    setError('');
    const search = asked.query;
    navigate(`candidates/${encode(props.id)}${search ? `?${search}` : ''}`);
  };
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Time travel</h2>
      <form class="filters" aria-labelledby={`${id}-heading`} onSubmit={onSubmit}>
        <p class="hint">
          The whole page as it was at a business instant (As of), and as the system knew it then
          (Known at), in {session.timeZone}.
        </p>
        {error && (
          <p role="alert" class="problem">
            {error}
          </p>
        )}
        <div class="field">
          <label for={`${id}-as-of`}>As of</label>
          <input id={`${id}-as-of`} type="datetime-local" value={asOf} onInput={(e) => setAsOf((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for={`${id}-known-at`}>Known at</label>
          <input id={`${id}-known-at`} type="datetime-local" value={knownAt} onInput={(e) => setKnownAt((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit">Show</button>
      </form>
    </section>
  );
}
