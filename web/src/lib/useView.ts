// A view read from the API, re-read on demand (after a command) or when its address changes.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getJson, type Problem } from '../api/client';
import { problemOf } from '../components/CommandForm';

export interface ViewState<T> {
  data: T | null;
  problem: Problem | null;
  loading: boolean;
  reload: () => Promise<void>;
}

export function useView<T = Record<string, unknown>>(
  path: string | null,
  parameters?: Record<string, string | number | undefined | null>,
): ViewState<T> {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const key = path === null ? null : path + JSON.stringify(parameters ?? {});
  const latest = useRef(key);
  latest.current = key;

  const reload = useCallback(async () => {
    if (path === null) return;
    const asked = key;
    setLoading(true);
    try {
      const answer = await getJson<T>(path, parameters);
      if (latest.current !== asked) return;
      setData(answer);
      setProblem(null);
    } catch (error) {
      if (latest.current !== asked) return;
      setData(null);
      setProblem(error instanceof ApiError ? error.problem : problemOf(error));
    } finally {
      if (latest.current === asked) setLoading(false);
    }
  }, [key]);

  useEffect(() => {
    reload();
  }, [reload]);

  return { data, problem, loading, reload };
}
