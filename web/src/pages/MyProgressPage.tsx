// my-progress: a candidate's own page without staff actions: requirements, portfolio,
// submissions, CEUs and annual documentation with forms to add them, and the certificate with its
// downloads (CONSOLE.md).
import { encode, type View } from '../api/client';
import { CeuTable } from '../components/CeuTable';
import { Requirements, type Explanation } from '../components/Requirements';
import { ViewStatus } from '../components/ViewStatus';
import { useSession } from '../lib/session';
import { useView } from '../lib/useView';
import { obj, text } from '../lib/view';
import { CandidateCommandForm, CandidateSummary } from './CandidatePage';
import { candidateCommands } from './candidateCommands';

// The forms a candidate fills in about themselves, in the order of CONSOLE.md.
const kOwnCommands = [
  'portfolio',
  'submissions',
  'ceus',
  'annual-documentation',
  'promotions',
  'employment',
  'feedback',
];

export function MyProgressPage() {
  const session = useSession();
  const id = session.user.candidate_id ?? '';
  const path = `/v1/candidates/${encode(id)}`;
  const view = useView<View>(id ? path : null);
  const explain = useView<Explanation>(id ? `${path}/explain` : null);
  const candidate = view.data;
  const reload = () => {
    view.reload();
    explain.reload();
  };
  if (!id) {
    return (
      <>
        <h1>My progress</h1>
        <p>Your account is not linked to a candidate record; ask the program staff.</p>
      </>
    );
  }
  const certification = obj(candidate, 'certification');
  const number = text(certification, 'certificate');
  const commands = candidateCommands({
    assignments: Object.keys(obj(candidate, 'assignments')),
    mentors: [],
  }).filter((command) => kOwnCommands.includes(command.route));
  return (
    <>
      <h1>My progress</h1>
      <ViewStatus loading={view.loading && !candidate} problem={view.problem} what="your record" />
      {candidate && (
        <>
          <p class="lead">{text(candidate, 'name')}</p>
          <CandidateSummary candidate={candidate} />
          <section aria-labelledby="requirements-title">
            <h2 id="requirements-title">Requirements</h2>
            <ViewStatus loading={explain.loading && !explain.data} problem={explain.problem} what="requirements" />
            {explain.data && <Requirements explanation={explain.data} headingLevel={3} />}
          </section>
          <section aria-labelledby="certificate-title">
            <h2 id="certificate-title">Certificate</h2>
            {number ? (
              <>
                <p>
                  Certificate {number}: {text(certification, 'status')}, issued{' '}
                  {text(certification, 'issued_on')}, expires {text(certification, 'expires_on')}.
                  CEUs in this cycle: {text(certification, 'ceus_in_cycle') || '0'}.
                </p>
                <ul class="links">
                  <li>
                    <a href={`/v1/certificates/${encode(number)}/credential`} download={`${number}.jwt`}>
                      Download credential
                    </a>
                  </li>
                  <li>
                    <a href={`/v1/certificates/${encode(number)}/certificate.pdf`} download={`${number}.pdf`}>
                      Download certificate (PDF)
                    </a>
                  </li>
                  <li>
                    <a href={`/verify/${encode(number)}`}>Public verification page</a>
                  </li>
                </ul>
              </>
            ) : (
              <p>
                Not certified yet. CEUs logged in this cycle:{' '}
                {text(certification, 'ceus_in_cycle') || '0'}.
              </p>
            )}
          </section>
          <CeuTable candidate={candidate} />
          <section aria-labelledby="add-title">
            <h2 id="add-title">Add to your record</h2>
            <div class="forms">
              {commands.map((command) => (
                <CandidateCommandForm
                  key={command.route}
                  command={command}
                  candidate={candidate}
                  session={session}
                  onDone={reload}
                />
              ))}
            </div>
          </section>
        </>
      )}
    </>
  );
}
