// A command as a form (STYLE.md: "a command is a form that posts to the API and re-reads the
// view"). Every field has a label; a refusal is shown beside the form with the server's detail,
// the unmet requirements in words and each field's error next to it; what was typed stays. A
// success says what was recorded in a status message and asks the page to re-read its view.
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { ApiError, type Problem } from '../api/client';
import { InputError, type Values } from '../lib/body';
import { ProblemSummary } from './ProblemSummary';

export { InputError, type Values };
export type Files = Record<string, File | undefined>;

export interface Option {
  value: string;
  label: string;
}

export interface FieldSpec {
  name: string;
  label: string;
  kind?:
    | 'text'
    | 'textarea'
    | 'number'
    | 'select'
    | 'datetime'
    | 'date'
    | 'money'
    | 'checkbox'
    | 'file'
    | 'email'
    | 'url'
    | 'password';
  options?: Option[];
  required?: boolean;
  hint?: string;
  initial?: string;
  // The JSON paths of the body this field fills (for the server's field errors); default [name].
  paths?: string[];
  step?: string;
}

export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  if (error instanceof InputError) {
    return {
      type: 'about:blank',
      title: 'Invalid input',
      status: 400,
      detail: 'Some of what was entered is not valid; nothing was sent.',
      code: 'validation',
      errors: error.errors,
    };
  }
  return {
    type: 'about:blank',
    title: 'Error',
    status: 0,
    detail: String((error as Error)?.message ?? error),
    code: 'client',
  };
}

// The state of one command's submission: busy, the last refusal, the last success message.
export function useCommand() {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<string>): Promise<boolean> => {
    setBusy(true);
    setStatus('');
    try {
      const message = await action();
      setProblem(null);
      setStatus(message);
      return true;
    } catch (error) {
      setProblem(problemOf(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { problem, status, busy, run, setProblem, setStatus };
}

export function initialValues(fields: FieldSpec[]): Values {
  const values: Values = {};
  for (const field of fields) values[field.name] = field.initial ?? '';
  return values;
}

export function CommandForm(props: {
  title: string;
  submitLabel: string;
  fields: FieldSpec[];
  submit: (values: Values, files: Files) => Promise<string>;
  onDone?: () => void;
  headingLevel?: 2 | 3;
  intro?: ComponentChildren;
  resetOnSuccess?: boolean;
  class?: string;
  // An id for in-page links to the form.
  anchor?: string;
}) {
  const id = useId();
  const [values, setValues] = useState<Values>(() => initialValues(props.fields));
  const [files, setFiles] = useState<Files>({});
  const command = useCommand();
  const [formKey, setFormKey] = useState(0);
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const ok = await command.run(() => props.submit(values, files));
    if (ok) {
      if (props.resetOnSuccess !== false) {
        setValues(initialValues(props.fields));
        setFiles({});
        setFormKey(formKey + 1);
      }
      props.onDone?.();
    }
  };

  const labels: Record<string, string> = {};
  for (const field of props.fields) {
    for (const path of field.paths ?? [field.name]) labels[path] = field.label;
  }
  const fieldErrors = (field: FieldSpec) =>
    (command.problem?.errors ?? []).filter((error) =>
      (field.paths ?? [field.name]).some(
        (path) => error.field === path || error.field.startsWith(path + '.'),
      ),
    );

  return (
    <form
      id={props.anchor}
      tabIndex={props.anchor ? -1 : undefined}
      class={`command ${props.class ?? ''}`}
      aria-labelledby={`${id}-heading`}
      onSubmit={onSubmit}
      noValidate
    >
      <Heading id={`${id}-heading`}>{props.title}</Heading>
      {props.intro}
      <ProblemSummary problem={command.problem} labels={labels} />
      <div key={formKey} class="fields">
        {props.fields.map((field) => (
          <Field
            key={field.name}
            id={`${id}-field-${field.name}`}
            field={field}
            value={values[field.name] ?? ''}
            errors={fieldErrors(field).map((error) => error.message)}
            onValue={(value) => setValues({ ...values, [field.name]: value })}
            onFile={(file) => setFiles({ ...files, [field.name]: file })}
          />
        ))}
      </div>
      <button type="submit" disabled={command.busy}>
        {props.submitLabel}
      </button>
      <div role="status" class="status">
        {command.status}
      </div>
    </form>
  );
}

export function Field(props: {
  id: string;
  field: FieldSpec;
  value: string;
  errors?: string[];
  onValue: (value: string) => void;
  onFile?: (file: File | undefined) => void;
}) {
  const { field, id } = props;
  const errors = props.errors ?? [];
  const hint = [field.required || field.kind === 'checkbox' ? '' : 'Optional.', field.hint ?? '']
    .filter(Boolean)
    .join(' ');
  const describedBy =
    [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
  const common = {
    id,
    name: field.name,
    'aria-describedby': describedBy,
    'aria-invalid': errors.length ? ('true' as const) : undefined,
    required: field.required,
  };
  const onInput = (event: Event) => props.onValue((event.currentTarget as HTMLInputElement).value);
  let control;
  switch (field.kind) {
    case 'textarea':
      control = <textarea {...common} value={props.value} onInput={onInput} rows={3} />;
      break;
    case 'select':
      control = (
        <select {...common} value={props.value} onChange={onInput}>
          {!field.required || props.value === '' ? <option value="">—</option> : null}
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'checkbox':
      control = (
        <input
          {...common}
          type="checkbox"
          checked={props.value === 'true'}
          onChange={(event) =>
            props.onValue((event.currentTarget as HTMLInputElement).checked ? 'true' : '')
          }
        />
      );
      break;
    case 'file':
      control = (
        <input
          {...common}
          type="file"
          onChange={(event) => props.onFile?.((event.currentTarget as HTMLInputElement).files?.[0])}
        />
      );
      break;
    default: {
      const type =
        field.kind === 'datetime'
          ? 'datetime-local'
          : field.kind === 'money'
            ? 'text'
            : (field.kind ?? 'text');
      control = (
        <input
          {...common}
          type={type}
          value={props.value}
          onInput={onInput}
          step={field.step}
          inputMode={field.kind === 'money' ? 'decimal' : undefined}
          autoComplete="off"
        />
      );
    }
  }
  return (
    <div class={`field ${field.kind === 'checkbox' ? 'field-checkbox' : ''}`}>
      <label for={id}>{field.label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p class="field-error" id={`${id}-error`}>
          {errors.join('; ')}
        </p>
      )}
      {control}
    </div>
  );
}
