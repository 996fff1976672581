// my-candidates: a mentor's own candidates with their requirements, and the forms Log meeting and
// Mentor assessment for each (CONSOLE.md).
import { encode, type View } from '../api/client';
import { Link } from '../components/Link';
import { Requirements, type Explanation } from '../components/Requirements';
import { ViewStatus } from '../components/ViewStatus';
import { useSession } from '../lib/session';
import { useView } from '../lib/useView';
import { list, obj, text } from '../lib/view';
import { CandidateCommandForm } from './CandidatePage';
import { candidateCommands } from './candidateCommands';
import { statusWords } from './shared';

export function MyCandidatesPage() {
  const session = useSession();
  const mentorId = session.user.mentor_id ?? '';
  const mentor = useView<View>(mentorId ? `/v1/mentors/${encode(mentorId)}` : null);
  if (!mentorId) {
    return (
      <>
        <h1>My candidates</h1>
        <p>Your account is not linked to a mentor record; ask the program staff.</p>
      </>
    );
  }
  const mentees = obj(mentor.data, 'mentees');
  const ids = Object.keys(mentees)
    .sort()
    .reverse()
    .flatMap((year) => list(mentees, year).map(String));
  return (
    <>
      <h1>My candidates</h1>
      <ViewStatus loading={mentor.loading && !mentor.data} problem={mentor.problem} what="your candidates" />
      {mentor.data && ids.length === 0 && <p>No candidate is matched with you yet.</p>}
      {ids.map((id) => (
        <Mentee key={id} id={id} />
      ))}
    </>
  );
}

function Mentee(props: { id: string }) {
  const session = useSession();
  const path = `/v1/candidates/${encode(props.id)}`;
  const view = useView<View>(path);
  const explain = useView<Explanation>(`${path}/explain`);
  const candidate = view.data;
  const headingId = `mentee-${props.id}`;
  const commands = candidateCommands({ assignments: [], mentors: [] }).filter((command) =>
    ['meetings', 'mentor-assessment'].includes(command.route),
  );
  return (
    <section class="mentee" aria-labelledby={headingId}>
      <h2 id={headingId}>{candidate ? text(candidate, 'name') : props.id}</h2>
      <ViewStatus loading={view.loading && !candidate} problem={view.problem} what="the candidate" />
      {candidate && (
        <>
          <p>
            Cohort {text(candidate, 'cohort')} · {statusWords(text(candidate, 'status'))} ·{' '}
            <Link to={`candidates/${encode(props.id)}`}>Open {text(candidate, 'name')}</Link>
          </p>
          {explain.data && <Requirements explanation={explain.data} headingLevel={3} />}
          <div class="forms">
            {commands.map((command) => (
              <CandidateCommandForm
                key={command.route}
                command={command}
                candidate={candidate}
                session={session}
                onDone={() => {
                  view.reload();
                  explain.reload();
                }}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
