// The console's frame: who is signed in (GET /v1/sessions/current), the sign-in form, the
// navigation the role may use, and the page the path names.
import { Component, type ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiError,
  deleteResource,
  getJson,
  postJson,
  setCsrfToken,
  setSignedOutHandler,
  type SessionAnswer,
  type ViewOf,
} from './api/client';
import { Link } from './components/Link';
import { ProblemSummary } from './components/ProblemSummary';
import { navigate, useRoute, type Route } from './lib/router';
import { SessionContext, type Role, type Session } from './lib/session';
import { CandidatePage } from './pages/CandidatePage';
import { CandidatesPage } from './pages/CandidatesPage';
import { CertificatesPage } from './pages/CertificatesPage';
import { CohortPage } from './pages/CohortPage';
import { CohortsPage } from './pages/CohortsPage';
import { ImportsPage } from './pages/ImportsPage';
import { LedgerPage } from './pages/LedgerPage';
import { MentorPage, MentorsPage } from './pages/MentorsPage';
import { MyCandidatesPage } from './pages/MyCandidatesPage';
import { MyProgressPage } from './pages/MyProgressPage';
import { RemindersPage } from './pages/RemindersPage';
import { ReportsPage } from './pages/ReportsPage';
import { RulesetsPage } from './pages/RulesetsPage';
import { UsersPage } from './pages/UsersPage';

// The pages of CONSOLE.md, in the navigation's order, with the roles that may open each.
const kPages: { path: string; label: string; roles: Role[] }[] = [
  { path: 'cohorts', label: 'Cohorts', roles: ['admin', 'staff', 'instructor', 'auditor'] },
  { path: 'candidates', label: 'Candidates', roles: ['admin', 'staff', 'instructor', 'auditor'] },
  { path: 'mentors', label: 'Mentors', roles: ['admin', 'staff', 'auditor'] },
  { path: 'certificates', label: 'Certificates', roles: ['admin', 'staff', 'auditor'] },
  { path: 'reminders', label: 'Reminders', roles: ['admin', 'staff'] },
  { path: 'reports', label: 'Reports', roles: ['admin', 'staff', 'auditor'] },
  { path: 'rulesets', label: 'Rule sets', roles: ['admin', 'staff', 'auditor'] },
  { path: 'ledger', label: 'Ledger', roles: ['admin', 'auditor'] },
  { path: 'imports', label: 'Imports', roles: ['admin', 'staff'] },
  { path: 'users', label: 'Users', roles: ['admin'] },
  { path: 'my-candidates', label: 'My candidates', roles: ['mentor'] },
  { path: 'my-progress', label: 'My progress', roles: ['candidate'] },
];

const kDefaultTimeZone = 'America/Los_Angeles';

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const [program, setProgram] = useState({ timeZone: kDefaultTimeZone, publicUrl: '' });

  useEffect(() => {
    getJson<ViewOf<'/v1/program'>>('/v1/program')
      .then((answer) =>
        setProgram({
          timeZone: answer.time_zone || kDefaultTimeZone,
          publicUrl: answer.public_url || '',
        }),
      )
      .catch(() => undefined); // an older server: the program's default zone
    getJson<SessionAnswer>('/v1/sessions/current')
      .then((answer) => {
        setCsrfToken(answer.csrf);
        setSession({ user: answer.user, timeZone: kDefaultTimeZone, publicUrl: '' });
      })
      .catch(() => setSession(null))
      .finally(() => setLoading(false));
  }, []);

  useEffect(() => {
    setSignedOutHandler(() => {
      setCsrfToken('');
      setSession(null);
    });
    return () => setSignedOutHandler(null);
  }, []);

  if (loading) {
    return (
      <main id="main" class="loading">
        <p role="status">Loading…</p>
      </main>
    );
  }
  if (!session) {
    return (
      <SignIn
        onSignedIn={(answer) => {
          setCsrfToken(answer.csrf);
          setSession({ user: answer.user, timeZone: kDefaultTimeZone, publicUrl: '' });
        }}
      />
    );
  }
  const withProgram: Session = { ...session, ...program };
  return (
    <SessionContext.Provider value={withProgram}>
      <Frame
        session={withProgram}
        onSignedOut={() => {
          setCsrfToken('');
          setSession(null);
          navigate('', { replace: true });
        }}
      />
    </SessionContext.Provider>
  );
}

function SignIn(props: { onSignedIn: (answer: SessionAnswer) => void }) {
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('token') as HTMLInputElement;
    setBusy(true);
    try {
      // The token goes straight from the field to the request and is then cleared: after
      // sign-in only the HttpOnly cookie identifies the browser.
      const answer = await postJson<SessionAnswer>('/v1/sessions', { token: input.value.trim() });
      input.value = '';
      setProblem(null);
      props.onSignedIn(answer);
    } catch (error) {
      setProblem(error instanceof ApiError ? error : null);
      input.value = '';
      input.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>ctom console</h1>
      <p>Sign in with the token your program administrator gave you.</p>
      <form aria-labelledby="sign-in-title" onSubmit={onSubmit}>
        <h2 id="sign-in-title">Sign in</h2>
        {problem &&
          (problem.status === 401 ? (
            <div role="alert" class="problem">
              <p>
                <strong>That token was not accepted.</strong> Check it and try again; a token that
                was revoked or replaced no longer works.
              </p>
            </div>
          ) : (
            <ProblemSummary problem={problem.problem} />
          ))}
        <div class="field">
          <label for="token">Token</label>
          <input id="token" name="token" type="password" autoComplete="off" required />
        </div>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}

function Frame(props: { session: Session; onSignedOut: () => void }) {
  const route = useRoute();
  const { user } = props.session;
  const pages = kPages.filter((page) => (page.roles as string[]).includes(user.role));
  const signOut = async () => {
    try {
      await deleteResource('/v1/sessions/current');
    } catch {
      // Signed out already (expired, or revoked): the sign-in form is what to show either way.
    }
    props.onSignedOut();
  };
  // The first page the role may use is its home.
  useEffect(() => {
    if (route.segments.length === 0 && pages.length > 0) navigate(pages[0].path, { replace: true });
  }, [route.segments.length === 0]);
  // After a navigation inside the console, the title names the page and focus moves to the
  // content, as a page load would (keyboard and screen-reader users start at the new page).
  const path = route.segments.join('/');
  const firstPath = useRef(path);
  useEffect(() => {
    const label = kPages.find((page) => page.path === route.segments[0])?.label ?? 'ctom';
    document.title = `${route.segments.length > 1 ? route.segments.slice(1).join(' ') + ' · ' : ''}${label} · ctom console`;
    if (path !== firstPath.current) {
      firstPath.current = '';
      document.getElementById('main')?.focus({ preventScroll: true });
    }
  }, [path]);

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">ctom</span>
        <nav aria-label="Console">
          <ul>
            {pages.map((page) => (
              <li key={page.path}>
                <Link to={page.path} current={route.segments[0] === page.path}>
                  {page.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>
            {user.name} ({user.role})
          </span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <PageBoundary key={path}>
          <Page route={route} session={props.session} allowed={pages.map((page) => page.path)} />
        </PageBoundary>
      </main>
    </>
  );
}

function Page(props: { route: Route; session: Session; allowed: string[] }) {
  const [first, second] = props.route.segments;
  if (!first) return <p>Choose a page above.</p>;
  // candidates/{id} is open to a mentor (its mentees) and a candidate (itself) too: the API says
  // 403 to anyone else, and the page shows that.
  const open = props.allowed.includes(first) || (first === 'candidates' && second);
  if (!open && !(first === 'mentors' && second)) return <NotHere />;
  switch (first) {
    case 'cohorts':
      return second ? <CohortPage year={second} /> : <CohortsPage />;
    case 'candidates':
      return second ? <CandidatePage id={second} query={props.route.query} /> : <CandidatesPage />;
    case 'mentors':
      return second ? <MentorPage id={second} /> : <MentorsPage />;
    case 'certificates':
      return <CertificatesPage />;
    case 'reminders':
      return <RemindersPage />;
    case 'reports':
      return <ReportsPage query={props.route.query} />;
    case 'rulesets':
      return <RulesetsPage />;
    case 'ledger':
      return <LedgerPage />;
    case 'imports':
      return <ImportsPage />;
    case 'users':
      return <UsersPage />;
    case 'my-progress':
      return <MyProgressPage />;
    case 'my-candidates':
      return <MyCandidatesPage />;
    default:
      return <NotHere />;
  }
}

// A page that fails to render says so instead of blanking the console; the navigation stays.
class PageBoundary extends Component<{ children: ComponentChildren }, { error: string }> {
  state = { error: '' };
  componentDidCatch(error: unknown) {
    this.setState({ error: String((error as Error)?.message ?? error) });
  }
  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" class="problem">
        <p>
          <strong>This page could not be shown.</strong> {this.state.error}
        </p>
      </div>
    );
  }
}

function NotHere() {
  return (
    <>
      <h1>Not found</h1>
      <p>There is no such page for you here. Use the links above.</p>
    </>
  );
}
