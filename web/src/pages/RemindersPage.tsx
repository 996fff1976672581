// reminders: what needs doing, grouped by kind, soonest first, and the secret calendar feed
// (CONSOLE.md; GET /v1/reminders and POST /v1/feeds of API.md; docs/reminders.md says when each
// kind appears and goes away).
import { useId, useState } from 'preact/hooks';
import { postJson, type View } from '../api/client';
import { ProblemSummary } from '../components/ProblemSummary';
import { useCommand } from '../components/CommandForm';
import { DataTable } from '../components/DataTable';
import { Link } from '../components/Link';
import { ViewStatus } from '../components/ViewStatus';
import { useView } from '../lib/useView';
import { text } from '../lib/view';
import { capitalised, plain } from '../lib/words';

export function RemindersPage() {
  const id = useId();
  const [withinDays, setWithinDays] = useState('30');
  const view = useView<{ items: View[] }>('/v1/reminders', { within_days: withinDays });
  const feed = useCommand();
  const [feedUrl, setFeedUrl] = useState('');
  const items = [...(view.data?.items ?? [])].sort(
    (a, b) =>
      text(a, 'kind').localeCompare(text(b, 'kind')) ||
      text(a, 'due_on').localeCompare(text(b, 'due_on')),
  );
  return (
    <>
      <h1>Reminders</h1>
      <div class="filters">
        <div class="field">
          <label for={`${id}-days`}>Within days</label>
          <input
            id={`${id}-days`}
            inputMode="numeric"
            value={withinDays}
            onChange={(event) => setWithinDays((event.currentTarget as HTMLInputElement).value)}
          />
        </div>
      </div>
      <ViewStatus loading={view.loading && !view.data} problem={view.problem} what="reminders" />
      <DataTable
        caption="Reminders"
        rows={items}
        rowKey={(row, index) => `${text(row, 'kind')}-${index}`}
        columns={[
          { header: 'Kind', rowHeader: true, cell: (row) => capitalised(plain(text(row, 'kind'))) },
          { header: 'Due on', cell: (row) => text(row, 'due_on') },
          {
            header: 'About',
            cell: (row) =>
              text(row, 'candidate') ? (
                <Link to={`candidates/${text(row, 'candidate')}`}>{text(row, 'candidate')}</Link>
              ) : text(row, 'mentor') ? (
                <Link to={`mentors/${text(row, 'mentor')}`}>{text(row, 'mentor')}</Link>
              ) : text(row, 'cohort') ? (
                <Link to={`cohorts/${text(row, 'cohort')}`}>Cohort {text(row, 'cohort')}</Link>
              ) : (
                ''
              ),
          },
          { header: 'Detail', cell: (row) => text(row, 'detail') },
        ]}
        empty="Nothing needs doing."
      />
      <section aria-labelledby={`${id}-feed`}>
        <h2 id={`${id}-feed`}>Calendar</h2>
        <p>A secret address your calendar app can subscribe to; anyone with it sees your reminders.</p>
        <ProblemSummary problem={feed.problem} />
        <button
          type="button"
          disabled={feed.busy}
          onClick={() =>
            feed.run(async () => {
              const answer = await postJson<{ url: string }>('/v1/feeds', {});
              setFeedUrl(answer.url);
              return 'A calendar feed was made for you.';
            })
          }
        >
          Calendar feed
        </button>
        <div role="status" class="status">
          {feed.status}
          {feedUrl && (
            <p>
              Subscribe to <code class="secret">{feedUrl}</code>
            </p>
          )}
        </div>
      </section>
    </>
  );
}
