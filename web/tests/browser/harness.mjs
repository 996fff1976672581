// The browser tests' harness: the real `ctom serve` (CTOM_BINARY) on a loopback port with a
// temporary data folder and a known admin token, the API called with bearer tokens to seed data,
// Debian's Chromium driven by playwright-core, and axe-core injected to check each page.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const kAdminToken = 'browser-test-admin-token-0123456789';
const kChromium = process.env.CTOM_CHROMIUM || '/usr/bin/chromium';

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// The server and the address the browser opens. `skip` is why the tests cannot run (a ctom serve
// without the console's side of the API), or false.
export async function startConsole() {
  if (!process.env.CTOM_BINARY) {
    return { skip: 'ctom serve to test against: CTOM_BINARY is not set (ctest sets it to the built ctom)' };
  }
  const server = await Server.start();
  if (await server.servesConsole()) {
    return { skip: false, server, url: server.url, stop: () => server.stop() };
  }
  await server.stop();
  return {
    skip:
      'ctom serve has no cookie sign-in (/v1/sessions) or no /console/: an older server, or one built with CTOM_CONSOLE=OFF',
  };
}

export class Server {
  constructor(child, url, dataDir) {
    this.child = child;
    this.url = url;
    this.dataDir = dataDir;
    this.log = '';
  }

  // A server on a new temporary data folder, or on dataDir (one a stopped server kept).
  static async start({ dataDir: existing } = {}) {
    const dataDir = existing ?? (await mkdtemp(path.join(tmpdir(), 'ctom-browser-')));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(
      process.env.CTOM_BINARY,
      ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`, '--threads', '2'],
      { env: { ...process.env, CTOM_ADMIN_TOKEN: kAdminToken }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const server = new Server(child, url, dataDir);
    child.stdout.on('data', (chunk) => (server.log += chunk));
    child.stderr.on('data', (chunk) => (server.log += chunk));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`ctom serve exited: ${server.log}`);
      try {
        const response = await fetch(`${url}/healthz`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`ctom serve did not answer: ${server.log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return server;
  }

  // Whether this server has the console's side of the API: cookie sign-in and /console/.
  async servesConsole() {
    const sessions = await fetch(`${this.url}/v1/sessions/current`);
    const page = await fetch(`${this.url}/console/`);
    const html = page.ok ? await page.text() : '';
    return sessions.status !== 404 && sessions.status !== 405 && html.includes('/console/assets/');
  }

  // Stops the server and removes its data folder, unless keepData (to start again on it).
  async stop({ keepData = false } = {}) {
    if (this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          this.child.kill('SIGKILL');
          resolve();
        }, 10_000);
        this.child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (!keepData) await rm(this.dataDir, { recursive: true, force: true });
  }

  // Calls the API with a bearer token; returns the parsed body, throwing on an unexpected status.
  async api(method, route, body, { token = kAdminToken, expect, contentType } = {}) {
    const headers = { Authorization: `Bearer ${token}` };
    let payload;
    if (body !== undefined) {
      headers['Content-Type'] = contentType ?? 'application/json';
      payload = contentType ? body : JSON.stringify(body);
    }
    const response = await fetch(this.url + route, { method, headers, body: payload });
    const text = await response.text();
    const parsed = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    const ok = expect ? response.status === expect : response.ok;
    if (!ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
    return parsed;
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: kChromium,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

// A page in a context that bypasses the console's CSP only so axe-core can be injected; the
// console itself never needs that.
export async function newPage(browser, env, { bypassCSP = true } = {}) {
  const context = await browser.newContext({
    baseURL: env.url,
    bypassCSP,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.consoleErrors = errors;
  return page;
}

let axeSource = '';

// Runs axe-core on the page; throws listing every serious or critical violation. With
// CTOM_SCREENSHOT_DIR set (ctest sets it to <build>/web/screenshots), also saves the page as seen
// at 1280x800, named after `where`.
export async function checkAccessibility(page, where) {
  if (process.env.CTOM_SCREENSHOT_DIR) {
    await mkdir(process.env.CTOM_SCREENSHOT_DIR, { recursive: true });
    const name = where.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    await page.screenshot({ path: path.join(process.env.CTOM_SCREENSHOT_DIR, `${name}.png`) });
  }
  if (!axeSource) axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: axeSource });
  }
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const answer = await axe.run(document, { resultTypes: ['violations'] });
    return answer.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  // Labels and aria-labelledby point at ids: a duplicate makes a control nameless or misnamed.
  const duplicates = await page.evaluate(() => {
    const seen = new Map();
    for (const element of document.querySelectorAll('[id]')) seen.set(element.id, (seen.get(element.id) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
  });
  if (duplicates.length > 0) throw new Error(`duplicate ids on ${where}: ${duplicates.join(', ')}`);
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    throw new Error(`axe-core on ${where}: ${JSON.stringify(bad, null, 2)}`);
  }
  return result;
}

// Waits until the page has no "Loading" message left (every view it asked for has answered).
export async function settled(page) {
  await page.getByText(/^Loading/).first().waitFor({ state: 'detached' });
}

export async function signIn(page, token) {
  await page.goto('/console/');
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

// A cohort of `year` with its ten sessions, opened (backdated) by the admin: applications open
// a year before, sessions monthly from February.
export function cohortBody(year) {
  const pad = (n) => String(n).padStart(2, '0');
  const sessions = [];
  for (let n = 0; n <= 9; n++) {
    const month = n === 9 ? 11 : 2 + n;
    const day = n === 1 ? 3 : 2;
    sessions.push({
      number: n,
      title: n === 0 ? 'Kickoff' : `Session ${n}`,
      starts_at: `${year}-${pad(month)}-${pad(day)}T10:00:00-08:00`,
      ends_at: `${year}-${pad(month)}-${pad(day)}T16:00:00-08:00`,
    });
  }
  return {
    year,
    application_opens: `${year - 1}-08-23T00:00:00-07:00`,
    application_deadline: `${year - 1}-09-29T17:00:00-07:00`,
    tuition_cents: 250000,
    location: 'Sacramento, CA',
    occurred_at: `${year - 1}-08-01T09:00:00-07:00`,
    sessions,
  };
}

export async function uploadDocument(server, text) {
  const answer = await server.api('POST', '/v1/documents', text, { contentType: 'text/plain' });
  return answer.id;
}

// An accepted candidate of `year`, backdated like the README's tour.
export async function seedCandidate(server, year, name, email, { accept = true } = {}) {
  const documents = {
    application: await uploadDocument(server, `application of ${name}`),
    resume: await uploadDocument(server, `resume of ${name}`),
    nomination: await uploadDocument(server, `nomination of ${name}`),
  };
  const candidate = await server.api('POST', `/v1/cohorts/${year}/applications`, {
    name,
    email,
    employer: { name: 'Sacramento City USD', kind: 'district' },
    position: 'IT Director',
    documents,
    occurred_at: `${year - 1}-09-01T12:00:00-07:00`,
  });
  if (accept) {
    await server.api('POST', `/v1/candidates/${candidate.id}/decision`, {
      decision: 'accepted',
      occurred_at: `${year - 1}-10-15T12:00:00-07:00`,
    });
  }
  return candidate.id;
}

// A user of `role` (POST /v1/users); returns {id, token}.
export async function createUser(env, name, role, extra = {}) {
  const answer = await env.server.api('POST', '/v1/users', { name, role, ...extra }, { expect: 201 });
  return answer;
}

// Today's date in the program's zone, as the server judges "the day it is recorded".
export function todayInProgramZone() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
}

// The text of each link of the console's navigation landmark.
export async function navigationLinks(page) {
  return page.getByRole('navigation', { name: 'Console' }).getByRole('link').allInnerTexts();
}

// An approved mentor under contract, by the admin.
export async function seedMentor(server, name, email) {
  const mentor = await server.api('POST', '/v1/mentors', {
    name,
    email,
    employer: { name: 'Elk Grove USD', kind: 'district' },
    position: 'Chief Technology Officer',
    currently_k12_leader: true,
    hands_on_experience: true,
    qualification: 'work_experience',
    years_k12_leadership: 12,
  });
  await server.api('POST', `/v1/mentors/${mentor.id}/approval`, { decision: 'approved' });
  await server.api('POST', `/v1/mentors/${mentor.id}/contract`, { signed_on: '2017-01-15' });
  return mentor.id;
}

// Every requirement of completion and certification met for an accepted candidate of a cohort
// opened with cohortBody(year), each fact backdated to its day, then certification on 12 November
// of that year (as the seeds' end-to-end test walks it).
export async function seedCertified(server, year, candidate, mentor) {
  const post = (action, body, occurredAt) =>
    server.api('POST', `/v1/candidates/${candidate}/${action}`, { ...body, occurred_at: occurredAt });
  const { sessions } = cohortBody(year);
  await post('mentor', { mentor_id: mentor }, `${year - 1}-11-01T09:00:00-07:00`);
  await post('payments', { amount_cents: 250000, method: 'check', payer: { kind: 'self' } }, `${year - 1}-12-01T09:00:00-08:00`);
  for (const session of sessions.slice(0, 9)) {
    await post('attendance', { session: session.number, status: 'present' }, session.ends_at);
    await post('participation', { session: session.number, rating: 'satisfactory' }, session.ends_at);
    if (session.number === 0) continue;
    for (const kind of ['artifact', 'reflection']) {
      await post('portfolio', { kind, session: session.number, title: `${kind} ${session.number}`, url: `https://portfolio.example/${session.number}` }, session.ends_at);
    }
  }
  await post('portfolio', { kind: 'curriculum_summary', title: 'What I learned', url: 'https://portfolio.example/summary' }, `${year}-10-20T09:00:00-07:00`);
  for (const kind of ['check_in', 'mid_year_evaluation', 'portfolio_review', 'portfolio_review']) {
    await post('meetings', { kind, mode: 'face_to_face', held_on: `${year}-06-15` }, `${year}-06-15T12:00:00-07:00`);
  }
  await post('final-presentation', { result: 'pass', executive_summary: 'accepted' }, `${year}-11-02T12:00:00-08:00`);
  await post('mentor-assessment', { recommend: true, statement: 'Ready to lead a district.' }, `${year}-11-01T09:00:00-07:00`);
  await post('feedback', { text: 'More on E-Rate, please.' }, `${year}-11-02T15:00:00-08:00`);
  return post('certification', { decision: 'certify' }, `${year}-11-12T17:00:00-08:00`);
}
