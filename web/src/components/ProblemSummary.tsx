// A refusal from the API, shown beside the form that caused it (GOV.UK's error summary): what the
// server said (`detail`), each unmet requirement in words, each field in error.
import type { Problem } from '../api/client';
import { requirementWords } from '../lib/words';

export function ProblemSummary(props: { problem: Problem | null; labels?: Record<string, string> }) {
  const { problem } = props;
  if (!problem) return null;
  const unmet = problem.unmet ?? [];
  const errors = problem.errors ?? [];
  return (
    <div class="problem" role="alert">
      <p class="problem-title">
        <strong>{titleOf(problem)}</strong>
      </p>
      {problem.detail && <p class="problem-detail">{problem.detail}</p>}
      {unmet.length > 0 && (
        <>
          <p>Not yet met:</p>
          <ul class="unmet">
            {unmet.map((code) => (
              <li key={code}>
                {requirementWords(code)} <span class="code">({code})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {errors.length > 0 && (
        <ul class="field-errors">
          {errors.map((error) => (
            <li key={error.field + error.message}>
              {fieldName(error.field, props.labels)}: {error.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function titleOf(problem: Problem): string {
  switch (problem.status) {
    case 400:
      return 'Some of what was entered is not valid';
    case 401:
      return 'You are not signed in';
    case 403:
      return 'Not allowed';
    case 404:
      return 'Not found';
    case 409:
      return 'Changed meanwhile, or already there';
    case 422:
      return 'Refused by the program rules';
    default:
      return problem.title || 'Something went wrong';
  }
}

// The label of the field a server error names; "body" is the request as a whole.
function fieldName(path: string, labels?: Record<string, string>): string {
  if (labels?.[path]) return labels[path];
  if (path === 'body' || path === '') return 'The form';
  return path;
}
