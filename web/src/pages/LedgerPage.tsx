// ledger: the digest (position, hash), Verify ledger with its result, and the event log paged
// newest first, an event's position, type, time and data side by side (CONSOLE.md; EventStoreDB's
// stream browser).
import { useState } from 'preact/hooks';
import { getJson, type View } from '../api/client';
import { useCommand } from '../components/CommandForm';
import { Instant } from '../components/Instant';
import { ProblemSummary } from '../components/ProblemSummary';
import { ViewStatus } from '../components/ViewStatus';
import { useView } from '../lib/useView';
import { bool, field, num, text } from '../lib/view';
import { plain } from '../lib/words';

const kPageSize = 50;

export function LedgerPage() {
  const digest = useView<View>('/v1/ledger/digest');
  const head = num(digest.data, 'position') ?? 0;
  // The newest position shown at the top of the page; null follows the head.
  const [top, setTop] = useState<number | null>(null);
  const shownTop = top ?? head;
  const after = Math.max(0, shownTop - kPageSize);
  const events = useView<{ items: View[] }>(digest.data && shownTop > 0 ? '/v1/events' : null, {
    after,
    limit: shownTop - after,
  });
  const verify = useCommand();
  const rows = [...(events.data?.items ?? [])].reverse();
  return (
    <>
      <h1>Ledger</h1>
      <ViewStatus loading={digest.loading && !digest.data} problem={digest.problem} what="the digest" />
      {digest.data && (
        <dl class="facts">
          <dt>Position</dt>
          <dd>{text(digest.data, 'position')}</dd>
          <dt>Hash</dt>
          <dd>
            <code class="hash">{text(digest.data, 'hash')}</code>
          </dd>
        </dl>
      )}
      <section aria-labelledby="verify-title">
        <h2 id="verify-title">Verification</h2>
        <ProblemSummary problem={verify.problem} />
        <button
          type="button"
          disabled={verify.busy}
          onClick={() =>
            verify.run(async () => {
              const answer = await getJson<View>('/v1/ledger/verify');
              digest.reload();
              return bool(answer, 'ok')
                ? `The ledger is intact up to position ${text(answer, 'position')} (hash ${text(answer, 'hash')}).`
                : `The ledger is broken: the first bad position is ${text(answer, 'first_bad_position')}.`;
            })
          }
        >
          Verify ledger
        </button>
        <div role="status" class="status">
          {verify.status}
        </div>
      </section>
      <section aria-labelledby="log-title">
        <h2 id="log-title">Event log</h2>
        <ViewStatus loading={events.loading && !events.data} problem={events.problem} what="events" />
        <div class="table-scroll">
          <table class="history">
            <caption>
              Events {after + 1} to {shownTop}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Position</th>
                <th scope="col">Stream</th>
                <th scope="col">Type</th>
                <th scope="col">Happened</th>
                <th scope="col">Recorded</th>
                <th scope="col">By</th>
                <th scope="col">Data</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((event) => (
                <tr key={text(event, 'position')}>
                  <th scope="row">{text(event, 'position')}</th>
                  <td>{text(event, 'stream')}</td>
                  <td>{plain(text(event, 'type'))}</td>
                  <td>
                    <Instant value={text(event, 'occurred_at')} />
                  </td>
                  <td>
                    <Instant value={text(event, 'recorded_at')} />
                  </td>
                  <td>{[text(field(event, 'actor'), 'user_id'), text(field(event, 'actor'), 'role')].filter(Boolean).join(', ')}</td>
                  <td>
                    <code class="data">{JSON.stringify(field(event, 'data') ?? {})}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div role="group" aria-label="Pages of the event log" class="pager">
          <button type="button" disabled={shownTop >= head} onClick={() => setTop(Math.min(head, shownTop + kPageSize))}>
            Newer events
          </button>
          <button type="button" disabled={after <= 0} onClick={() => setTop(after)}>
            Older events
          </button>
        </div>
      </section>
    </>
  );
}
