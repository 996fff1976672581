// rulesets: every version with its parameters; a draft of every parameter; Preview impact (who
// changes, before -> after, and both reports); Publish and Rebuild views for admin, each asking
// to confirm (CONSOLE.md).
import { useId, useState } from 'preact/hooks';
import { postJson, type View } from '../api/client';
import { Field, InputError, useCommand, type Values } from '../components/CommandForm';
import { DataTable } from '../components/DataTable';
import { Instant } from '../components/Instant';
import { Link } from '../components/Link';
import { ProblemSummary } from '../components/ProblemSummary';
import { Headline } from '../components/ReportFigures';
import { ViewStatus } from '../components/ViewStatus';
import { may, useSession } from '../lib/session';
import { localToRfc3339 } from '../lib/time';
import { useView } from '../lib/useView';
import { field, list, obj, show, text } from '../lib/view';
import { capitalised, plain } from '../lib/words';

export function RulesetsPage() {
  const session = useSession();
  const view = useView<{ items: View[] }>('/v1/rulesets', { limit: 1000 });
  const versions = view.data?.items ?? [];
  const latest = versions[versions.length - 1];
  return (
    <>
      <h1>Rule sets</h1>
      <ViewStatus loading={view.loading && !view.data} problem={view.problem} what="rule sets" />
      <DataTable
        caption="Rule sets"
        rows={versions}
        rowKey={(row) => text(row, 'version')}
        columns={[
          { header: 'Version', rowHeader: true, cell: (row) => text(row, 'version') },
          {
            header: 'Effective from',
            cell: (row) => (text(row, 'effective_from') ? <Instant value={text(row, 'effective_from')} /> : 'the start'),
          },
          {
            header: 'Parameters',
            cell: (row) => (
              <ul class="parameters">
                {Object.entries(obj(row, 'parameters')).map(([name, value]) => (
                  <li key={name}>
                    {plain(name)}: <strong>{show(value)}</strong>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      {latest && (
        <Draft
          key={text(latest, 'version')}
          parameters={obj(latest, 'parameters')}
          admin={may(session, 'admin')}
          onPublished={() => view.reload()}
        />
      )}
      {may(session, 'admin') && <Rebuild />}
    </>
  );
}

function valueText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'true' : '';
  if (Array.isArray(value)) return value.join(', ');
  return show(value);
}

function Draft(props: { parameters: View; admin: boolean; onPublished: () => void }) {
  const session = useSession();
  const id = useId();
  const names = Object.keys(props.parameters);
  const [values, setValues] = useState<Values>(() => {
    const initial: Values = { effective_from: '' };
    for (const name of names) initial[name] = valueText(props.parameters[name]);
    return initial;
  });
  const preview = useCommand();
  const publish = useCommand();
  const [impact, setImpact] = useState<View | null>(null);
  const [confirming, setConfirming] = useState(false);

  const body = () => {
    const errors: { field: string; message: string }[] = [];
    const parameters: Record<string, unknown> = {};
    for (const name of names) {
      const original = props.parameters[name];
      const typed = (values[name] ?? '').trim();
      if (typeof original === 'boolean') parameters[name] = values[name] === 'true';
      else if (Array.isArray(original)) {
        parameters[name] = typed.split(',').map((s) => s.trim()).filter(Boolean);
      } else if (typeof original === 'number') {
        if (!/^-?\d+(\.\d+)?$/.test(typed)) errors.push({ field: `parameters.${name}`, message: 'must be a number' });
        else parameters[name] = Number(typed);
      } else parameters[name] = typed;
    }
    let effectiveFrom: string | undefined;
    if (values.effective_from) {
      effectiveFrom = localToRfc3339(values.effective_from, session.timeZone) ?? undefined;
      if (!effectiveFrom) errors.push({ field: 'effective_from', message: 'must be a date and time' });
    }
    if (errors.length) throw new InputError(errors);
    return effectiveFrom ? { effective_from: effectiveFrom, parameters } : { parameters };
  };
  const labels: Record<string, string> = { effective_from: 'Effective from' };
  for (const name of names) labels[`parameters.${name}`] = capitalised(plain(name));
  const errorsOf = (path: string) =>
    [...(preview.problem?.errors ?? []), ...(publish.problem?.errors ?? [])]
      .filter((error) => error.field === path)
      .map((error) => error.message);

  return (
    <form class="command wide" aria-labelledby={`${id}-heading`} onSubmit={(event) => event.preventDefault()} noValidate>
      <h2 id={`${id}-heading`}>Draft a rule set</h2>
      <p class="hint">Every parameter of the latest version; change what you want, then preview its impact.</p>
      <ProblemSummary problem={preview.problem ?? publish.problem} labels={labels} />
      <div class="fields">
        <Field
          id={`${id}-effective_from`}
          field={{ name: 'effective_from', label: 'Effective from', kind: 'datetime', hint: 'Leave empty for now.' }}
          value={values.effective_from}
          errors={errorsOf('effective_from')}
          onValue={(value) => setValues({ ...values, effective_from: value })}
        />
        {names.map((name) => {
          const original = props.parameters[name];
          return (
            <Field
              key={name}
              id={`${id}-${name}`}
              field={{
                name,
                label: capitalised(plain(name)),
                kind: typeof original === 'boolean' ? 'checkbox' : 'text',
                required: true,
                hint: Array.isArray(original) ? 'Separated by commas.' : undefined,
              }}
              value={values[name] ?? ''}
              errors={errorsOf(`parameters.${name}`)}
              onValue={(value) => setValues({ ...values, [name]: value })}
            />
          );
        })}
      </div>
      <div class="actions">
        <button
          type="button"
          disabled={preview.busy}
          onClick={() =>
            preview.run(async () => {
              const answer = await postJson<View>('/v1/rulesets/impact', body());
              setImpact(answer);
              return `Impact previewed: ${list(answer, 'changed').length} outcomes would change. Nothing was recorded.`;
            })
          }
        >
          Preview impact
        </button>
        {props.admin && !confirming && (
          <button type="button" onClick={() => setConfirming(true)}>
            Publish
          </button>
        )}
      </div>
      {props.admin && confirming && (
        <div class="confirm" role="group" aria-label="Confirm publishing">
          <p>Publish this rule set? Every view is judged by it from its effective date.</p>
          <button
            type="button"
            disabled={publish.busy}
            onClick={async () => {
              const ok = await publish.run(async () => {
                const answer = await postJson<View>('/v1/rulesets', body());
                return `Rule set version ${text(obj(answer, 'ruleset'), 'version') || text(answer, 'id')} published (log position ${text(answer, 'position')}).`;
              });
              setConfirming(false);
              if (ok) props.onPublished();
            }}
          >
            Confirm publish
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      <div role="status" class="status">
        {preview.status} {publish.status}
      </div>
      {impact && <Impact impact={impact} />}
    </form>
  );
}

function Impact(props: { impact: View }) {
  return (
    <section aria-label="Impact">
      <DataTable
        caption="Outcomes that change"
        rows={list(props.impact, 'changed') as View[]}
        rowKey={(row, index) => `${text(row, 'candidate')}-${text(row, 'what')}-${index}`}
        columns={[
          {
            header: 'Candidate',
            rowHeader: true,
            cell: (row) => <Link to={`candidates/${text(row, 'candidate')}`}>{text(row, 'candidate')}</Link>,
          },
          { header: 'What', cell: (row) => plain(text(row, 'what')) },
          { header: 'Before → after', cell: (row) => `${show(field(row, 'before'))} → ${show(field(row, 'after'))}` },
        ]}
        empty="No candidate's outcome changes."
      />
      <div class="side-by-side">
        <div>
          <h3>Report before</h3>
          <Headline report={obj(props.impact, 'report_before')} label="Report before" />
        </div>
        <div>
          <h3>Report after</h3>
          <Headline report={obj(props.impact, 'report_after')} label="Report after" />
        </div>
      </div>
    </section>
  );
}

function Rebuild() {
  const command = useCommand();
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="rebuild-title">
      <h2 id="rebuild-title">Rebuild views</h2>
      <p>Folds every view again from the ledger while the old views keep serving.</p>
      <ProblemSummary problem={command.problem} />
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          Rebuild views
        </button>
      ) : (
        <div class="confirm" role="group" aria-label="Confirm rebuilding">
          <p>Rebuild every view from the ledger now?</p>
          <button
            type="button"
            disabled={command.busy}
            onClick={async () => {
              await command.run(async () => {
                const answer = await postJson<View>('/v1/admin/rebuild', {});
                return `Views rebuilt from ${text(answer, 'events')} events in ${text(answer, 'duration_ms')} ms.`;
              });
              setConfirming(false);
            }}
          >
            Confirm rebuild
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      <div role="status" class="status">
        {command.status}
      </div>
    </section>
  );
}
