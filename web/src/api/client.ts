// The console's only way to the server: the public HTTP API, authenticated by the HttpOnly session
// cookie. The browser never holds a bearer token; writes carry the CSRF token of the session.
import type { components, paths } from './schema.gen';

export type Problem = components['schemas']['Problem'];
export type CommandResult = components['schemas']['CommandResult'];

// The JSON body a POST route takes, as api/openapi.json describes it.
export type CommandBody<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

// A JSON object of a view. api/openapi.json describes most views only as "object", so the pages
// read their fields through the accessors of lib/view.ts rather than through declared types.
export type View = Record<string, unknown>;

export type SignedInUser = components['schemas']['SessionUser'];
export type SessionAnswer = components['schemas']['Session'];

// The JSON a GET route answers with 200, as api/openapi.json describes it.
export type ViewOf<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer V } } } };
}
  ? V
  : never;

// An answer that was not 2xx. `problem` is the server's problem+json, or one made up from the
// status when the answer was not one (a proxy's HTML page, a dropped connection).
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title);
    this.status = status;
    this.problem = problem;
  }
}

let csrfToken = '';
let onSignedOut: (() => void) | null = null;

// Called when the API answers 401 to a signed-in page (the session expired, the user was revoked,
// the server restarted): the console goes back to its sign-in form.
export function setSignedOutHandler(handler: (() => void) | null): void {
  onSignedOut = handler;
}

// Kept from the sign-in answer or GET /v1/sessions/current: not a credential by itself (the
// cookie is), only the proof that a write comes from this page.
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

function query(parameters?: Record<string, string | number | undefined | null>): string {
  if (!parameters) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: `The server answered ${response.status} ${response.statusText}`.trim(),
    code: response.status === 404 ? 'not_found' : 'http_error',
  };
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return fallback;
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...fallback, ...body };
  } catch {
    return fallback;
  }
}

async function send(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  let response: Response;
  try {
    response = await fetch(path, { ...init, method, headers, credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError(0, {
      type: 'about:blank',
      title: 'No answer',
      status: 0,
      detail: `The server could not be reached (${String(error)})`,
      code: 'network',
    });
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/v1/sessions')) onSignedOut?.();
    throw new ApiError(response.status, await problemOf(response));
  }
  return response;
}

export async function getJson<T = View>(
  path: string,
  parameters?: Record<string, string | number | undefined | null>,
): Promise<T> {
  const response = await send('GET', path + query(parameters));
  return (await response.json()) as T;
}

export async function postJson<T = CommandResult>(
  path: string,
  body: unknown,
  parameters?: Record<string, string | number | undefined | null>,
): Promise<T> {
  const response = await send('POST', path + query(parameters), {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 204) return {} as T;
  return (await response.json()) as T;
}

// A raw body (a document, a CSV file) posted as its own media type.
export async function postRaw<T = View>(
  path: string,
  body: Blob,
  contentType: string,
  parameters?: Record<string, string | number | undefined | null>,
): Promise<T> {
  const response = await send('POST', path + query(parameters), {
    headers: { 'Content-Type': contentType },
    body,
  });
  return (await response.json()) as T;
}

export async function deleteResource(path: string): Promise<void> {
  await send('DELETE', path);
}

// The CSV of a list (Accept: text/csv), saved by the browser under `filename`.
export async function downloadCsv(
  path: string,
  filename: string,
  parameters?: Record<string, string | number | undefined | null>,
): Promise<void> {
  const response = await send('GET', path + query(parameters), {
    headers: { Accept: 'text/csv' },
  });
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const encode = encodeURIComponent;
