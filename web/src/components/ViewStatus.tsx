// What a page shows while its view loads, or when the API refused to give it.
import type { Problem } from '../api/client';
import { ProblemSummary } from './ProblemSummary';

export function ViewStatus(props: { loading: boolean; problem: Problem | null; what: string }) {
  if (props.problem) return <ProblemSummary problem={props.problem} />;
  if (props.loading) return <p class="loading">Loading {props.what}…</p>;
  return null;
}
