// A development stand-in for the server side of the console, for a `ctom serve` that has no
// cookie sign-in and no /console/ yet (CTOM_BROWSER_SHIM=1): it serves the built console under
// /console/, keeps sessions (token -> cookie) for the users the test registers, and forwards every
// other request to ctom with the session's bearer token. Never used when ctom serves the console.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const kTypes = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8' };

export class Shim {
  constructor(upstream, distDir) {
    this.upstream = upstream;
    this.distDir = distDir;
    this.users = new Map(); // token -> user
    this.sessions = new Map(); // cookie -> { token, user, csrf }
  }

  register(token, user) {
    this.users.set(token, user);
  }

  async start() {
    this.server = http.createServer((request, response) =>
      this.handle(request, response).catch((error) => {
        response.writeHead(500);
        response.end(String(error));
      }),
    );
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
  }

  async stop() {
    await new Promise((resolve) => this.server.close(resolve));
  }

  session(request) {
    const match = /ctom_session=([0-9a-f]+)/.exec(request.headers.cookie ?? '');
    return match ? this.sessions.get(match[1]) : undefined;
  }

  async handle(request, response) {
    const url = new URL(request.url, this.url);
    const body = await new Promise((resolve) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => resolve(Buffer.concat(chunks)));
    });
    const json = (status, value, headers = {}) => {
      response.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers });
      response.end(JSON.stringify(value));
    };
    const unauthorized = () =>
      json(401, { type: 'urn:ctom:problem:unauthorized', title: 'Unauthorized', status: 401, detail: 'unknown token', code: 'unauthorized' });
    if (url.pathname === '/console' || url.pathname.startsWith('/console/')) {
      const rest = url.pathname.replace(/^\/console\/?/, '');
      const file = rest.startsWith('assets/') ? rest : 'index.html';
      try {
        const bytes = await readFile(path.join(this.distDir, file));
        response.writeHead(200, {
          'Content-Type': kTypes[path.extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        });
        response.end(bytes);
      } catch {
        response.writeHead(404);
        response.end();
      }
      return;
    }
    if (url.pathname === '/v1/sessions' && request.method === 'POST') {
      const { token } = JSON.parse(body.toString() || '{}');
      const user = this.users.get(token);
      if (!user) return unauthorized();
      const cookie = randomBytes(32).toString('hex');
      const csrf = randomBytes(16).toString('hex');
      this.sessions.set(cookie, { token, user, csrf });
      return json(201, { user, csrf }, { 'Set-Cookie': `ctom_session=${cookie}; HttpOnly; SameSite=Strict; Path=/` });
    }
    const session = this.session(request);
    if (url.pathname === '/v1/sessions/current') {
      if (!session) return unauthorized();
      if (request.method === 'DELETE') {
        for (const [key, value] of this.sessions) if (value === session) this.sessions.delete(key);
        response.writeHead(204, { 'Set-Cookie': 'ctom_session=; Max-Age=0; Path=/' });
        return response.end();
      }
      return json(200, { user: session.user, csrf: session.csrf });
    }
    if (url.pathname === '/v1/program') return json(200, { time_zone: 'America/Los_Angeles', public_url: this.url });
    const headers = { ...request.headers };
    delete headers.host;
    delete headers.cookie;
    if (session) {
      if (!['GET', 'HEAD'].includes(request.method) && request.headers['x-csrf-token'] !== session.csrf) {
        return json(403, { type: 'urn:ctom:problem:csrf', title: 'Forbidden', status: 403, detail: 'missing CSRF token', code: 'csrf' });
      }
      headers.authorization = `Bearer ${session.token}`;
    }
    const answer = await fetch(this.upstream + url.pathname + url.search, {
      method: request.method,
      headers,
      body: ['GET', 'HEAD'].includes(request.method) ? undefined : body,
    });
    const out = {};
    answer.headers.forEach((value, key) => {
      if (!['content-encoding', 'transfer-encoding', 'connection', 'content-length'].includes(key)) out[key] = value;
    });
    response.writeHead(answer.status, out);
    response.end(Buffer.from(await answer.arrayBuffer()));
  }
}
