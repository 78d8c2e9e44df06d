/**
 * An application server (Express, as the scenario describes it): its routes are data. A request
 * runs the app's `middleware` queries first (unless the route opts out), then the session check
 * for routes that need a login, then the route's own queries, each through the MySQL server's
 * real data (`runQuery`). A required query that finds nothing makes the app log what the scenario
 * says (the warning, the error, the stack) and answer its error page; a database that does not
 * answer is logged with the driver's error. Every request is logged with the request id Nginx
 * gave it.
 */
import type { AppQuerySpec, AppRouteSpec, AppSpec } from '../../../scenario/world/network';
import type { Draft } from '../../draft';
import { epochOf, httpDate, isoSpace, isoT } from '../../time';
import { unitsOf } from '../../system/units';
import { hashOf, hexOf } from '../jitter';
import { appendLog } from './logs';
import { queryDatabase } from './database';
import { bcryptMatches } from './password';
import { byteLength, cookiePairs, formFields, headerOf, reasonOf, type Header, type HttpRequest, type HttpResponse } from './message';
import { expressNotFound, expressRedirectBody } from './pages';
import { fillTemplate, textOf, type Row, type TemplateValue } from './template';
import { pathOf } from './url';

export interface AppAnswer {
  response: HttpResponse;
  /** Milliseconds the app took (its log's `{{ms}}`, HAProxy's Tr). */
  ms: number;
}

interface RouteMatch {
  route: AppRouteSpec;
  params: Map<string, string>;
}

/**
 * `/api/v1/quotes/:ticker` against `/api/v1/quotes/BIAT`. Express routes are not strict by
 * default: one trailing slash is optional (`/dashboard/` is `/dashboard`).
 */
function matchPath(pattern: string, path: string): Map<string, string> | null {
  const want = pattern.split('/');
  const got = (path.length > 1 && path.endsWith('/') && !pattern.endsWith('/') ? path.slice(0, -1) : path).split('/');
  if (want.length !== got.length) return null;
  const params = new Map<string, string>();
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i]!;
    if (w.startsWith(':') && got[i] !== '') params.set(w.slice(1), decodeSafe(got[i]!));
    else if (w !== got[i]) return null;
  }
  return params;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function findRoute(app: AppSpec, method: string, path: string): RouteMatch | null {
  const asked = method === 'HEAD' ? 'GET' : method;
  for (const route of app.routes) {
    if ((route.method ?? 'GET') !== asked) continue;
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

/** Express's weak ETag: `W/"<length in hex>-<27 characters of a digest>"`. */
function etagOf(body: string): string {
  const digest = hexOf(54, 'etag', body).replace(/[0-9a-f]{2}/g, (h) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[parseInt(h, 16) % 64]!).slice(0, 27);
  return `W/"${byteLength(body).toString(16)}-${digest.padEnd(27, 'A')}"`;
}

function expressHeaders(contentType: string, body: string, extra: readonly Header[], draft: Draft, etag: boolean): Header[] {
  const headers: Header[] = [['X-Powered-By', 'Express'], ...extra, ['Content-Type', contentType], ['Content-Length', String(byteLength(body))]];
  if (etag) headers.push(['ETag', etagOf(body)]);
  headers.push(['Date', httpDateOf(draft)], ['Connection', 'keep-alive']);
  return headers;
}

function httpDateOf(draft: Draft): string {
  return httpDate(epochOf(draft.config.date, draft.clock));
}

/** Where the app writes a log line: its file, or (without one) its unit's journal. */
function logLine(draft: Draft, host: string, app: AppSpec, level: 'access' | 'warn' | 'error' | 'raw', values: Map<string, TemplateValue>): void {
  const templates = app.log;
  const defaults = { access: '{{method}} {{path}} {{status}} {{ms}}ms', warn: 'WARN  {{message}}', error: 'ERROR {{method}} {{path}} {{status}} {{ms}}ms - {{error}}', raw: '{{message}}' };
  const template = level === 'raw' ? defaults.raw : (templates?.[level] ?? defaults[level]);
  const line = fillTemplate(template, { values, results: new Map() }, 'none');
  if (templates?.path) {
    const def = unitsOf(draft.config, host).find((u) => u.name === app.unit);
    appendLog(draft, host, templates.path, line, { owner: def?.user ?? 'root', group: 'adm', mode: 0o640 });
    return;
  }
  const state = draft.host(host)?.services;
  const unit = state && Object.hasOwn(state, app.unit) ? state[app.unit] : undefined;
  const def = unitsOf(draft.config, host).find((u) => u.name === app.unit);
  draft.journal(host, { at: draft.clock, unit: app.unit, identifier: def?.identifier ?? app.name, pid: unit?.pid ?? undefined, message: line, priority: level === 'error' ? 3 : level === 'warn' ? 4 : 6 });
}

type Step = { ok: true } | { ok: false; answer: 'error'; error: string; logged: string[] } | { ok: false; answer: 'response'; response: { status: number; contentType: string; body: string } };

/**
 * Serves one request on the app of `host`. `peer` is the address the request came from (Nginx's,
 * usually 127.0.0.1).
 */
export function serveApp(draft: Draft, host: string, app: AppSpec, request: HttpRequest, peer: string): AppAnswer {
  const seq = draft.next();
  const path = pathOf(request.target);
  const requestId = headerOf(request.headers, 'X-Request-Id') ?? '-';
  const epoch = epochOf(draft.config.date, draft.clock);
  // Milliseconds from the world's counter: later in the request chain, later in the second.
  const millis = seq % 1000;
  const time = `${isoT(epoch)}.${String(millis).padStart(3, '0')}Z`;
  const values = new Map<string, TemplateValue>([
    ['requestId', requestId],
    ['time', time],
    ['method', request.method],
    ['path', path],
    ['now', isoSpace(epoch)],
    ['token', hexOf(64, 'session', host, seq)],
    ['ip', (headerOf(request.headers, 'X-Forwarded-For') ?? peer).split(',')[0]!.trim()],
  ]);
  const results = new Map<string, readonly Row[]>();
  const matched = findRoute(app, request.method, path);
  const finish = (status: number, contentType: string, body: string, extra: Header[] = [], etag = true): AppAnswer => {
    const ms = status >= 500 ? 2 + (hashOf('app-err', host, seq) % 5) : 6 + (hashOf('app-ok', host, seq) % 40);
    values.set('status', status);
    values.set('ms', ms);
    logLine(draft, host, app, status >= 500 ? 'error' : 'access', values);
    const head = request.method === 'HEAD';
    return { response: { version: 'HTTP/1.1', status, reason: reasonOf(status), headers: expressHeaders(contentType, body, extra, draft, etag), body: head ? '' : body }, ms };
  };
  if (!matched) {
    return finish(404, 'text/html; charset=utf-8', expressNotFound(request.method, path), [["Content-Security-Policy", "default-src 'none'"], ['X-Content-Type-Options', 'nosniff']], false);
  }
  const { route, params } = matched;
  for (const [k, v] of params) values.set(`params.${k}`, v);
  for (const [k, v] of formFields(request.body, headerOf(request.headers, 'Content-Type'))) values.set(`form.${k}`, v);
  const isApi = (route.auth ?? 'none') === 'api' || path.startsWith('/api/');
  const errorAnswer = (error: string): AppAnswer => {
    values.set('error', error);
    const page = isApi ? app.errorApi : app.errorPage;
    const contentType = page?.contentType ?? (isApi ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8');
    const body = page ? fillTemplate(textOf(page.body), { values, results }, contentType.includes('json') ? 'json' : 'html') : isApi ? '{"error":"Internal Server Error"}' : 'Internal Server Error';
    return finish(500, contentType, body);
  };
  const run = (name: string): Step => {
    const spec: AppQuerySpec | undefined = app.queries && Object.hasOwn(app.queries, name) ? app.queries[name] : undefined;
    if (!spec) return { ok: false, answer: 'error', error: `Error: unknown query ${name}`, logged: [] };
    const sql = fillTemplate(spec.sql, { values, results }, 'sql');
    const result = queryDatabase(draft, host, app, sql);
    if (!result.ok) {
      const error = fillTemplate(app.databaseError ?? 'Error: {{message}}', { values: new Map<string, TemplateValue>([...values, ['message', result.message], ['code', result.code], ['address', result.address]]), results }, 'none');
      return { ok: false, answer: 'error', error, logged: [] };
    }
    const check = spec.verifyPassword;
    const rows = check && result.rows[0] && !bcryptMatches(fillTemplate(check.password, { values, results }, 'none'), result.rows[0][check.hashColumn]) ? [] : result.rows;
    results.set(name, rows);
    if (spec.required && rows.length === 0) {
      if (spec.onEmpty) {
        const contentType = spec.onEmpty.contentType ?? (isApi ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8');
        return { ok: false, answer: 'response', response: { status: spec.onEmpty.status, contentType, body: fillTemplate(textOf(spec.onEmpty.body), { values, results }, contentType.includes('json') ? 'json' : 'html') } };
      }
      const logged = (spec.emptyLog ?? []).map((l) => fillTemplate(l, { values: new Map([...values, ['sql', sql]]), results }, 'none'));
      return { ok: false, answer: 'error', error: spec.emptyError ?? 'Error: no rows', logged: [...logged, ...(spec.emptyStack ?? []).map((s) => `\u0000${s}`)] };
    }
    return { ok: true };
  };
  const fail = (step: Exclude<Step, { ok: true }>): AppAnswer => {
    if (step.answer === 'response') return finish(step.response.status, step.response.contentType, step.response.body);
    const stack = step.logged.filter((l) => l.startsWith('\u0000')).map((l) => l.slice(1));
    for (const message of step.logged.filter((l) => !l.startsWith('\u0000'))) logLine(draft, host, app, 'warn', new Map([...values, ['message', message]]));
    const answer = errorAnswer(step.error);
    for (const line of stack) logLine(draft, host, app, 'raw', new Map([['message', line]]));
    return answer;
  };
  if (route.middleware !== false) {
    for (const name of app.middleware ?? []) {
      const step = run(name);
      if (!step.ok) return fail(step);
    }
  }
  const auth = route.auth ?? 'none';
  if (auth !== 'none') {
    const cookie = app.sessionCookie ? cookiePairs(headerOf(request.headers, 'Cookie')).get(app.sessionCookie) : undefined;
    let user: Row | null = null;
    if (cookie !== undefined && app.sessionQuery) {
      values.set('session', decodeSafe(cookie));
      const step = run(app.sessionQuery);
      if (!step.ok && step.answer === 'error') return fail(step);
      user = results.get(app.sessionQuery)?.[0] ?? null;
    }
    if (!user) {
      if (auth === 'api') return finish(401, 'application/json; charset=utf-8', '{"error":"Not logged in"}');
      const location = app.loginPath ?? '/login';
      const html = (headerOf(request.headers, 'Accept') ?? '*/*').includes('text/html');
      const redirect = expressRedirectBody('Found', location, html);
      return finish(302, redirect.contentType, request.method === 'HEAD' ? '' : redirect.body, [['Location', location], ['Vary', 'Accept']], false);
    }
    for (const [k, v] of Object.entries(user)) values.set(`user.${k}`, v);
  }
  for (const name of route.queries ?? []) {
    const step = run(name);
    if (!step.ok) return fail(step);
  }
  const status = route.status ?? 200;
  const contentType = route.contentType ?? 'text/html; charset=utf-8';
  const extra: Header[] = Object.entries(route.headers ?? {}).map(([k, v]) => [k, fillTemplate(v, { values, results }, 'none')] as const);
  if (route.login && app.sessionCookie) extra.push(['Set-Cookie', `${app.sessionCookie}=${values.get('token')}; Path=/; HttpOnly`]);
  if (status >= 300 && status < 400) {
    const location = extra.find(([k]) => k.toLowerCase() === 'location')?.[1] ?? '/';
    const html = (headerOf(request.headers, 'Accept') ?? '*/*').includes('text/html');
    const redirect = route.body === undefined ? expressRedirectBody(reasonOf(status), location, html) : { contentType, body: fillTemplate(textOf(route.body), { values, results }, 'html') };
    return finish(status, redirect.contentType, redirect.body, [...extra.filter(([k]) => k.toLowerCase() !== 'location'), ['Location', location], ['Vary', 'Accept']], false);
  }
  const body = fillTemplate(textOf(route.body), { values, results }, contentType.includes('json') ? 'json' : contentType.includes('html') ? 'html' : 'none');
  const net = draft.host(host)?.net ?? {};
  if (auth !== 'none' && status >= 200 && status < 300 && !net.servedSignedIn) draft.setNet(host, { ...net, servedSignedIn: true });
  return finish(status, contentType, body, extra);
}


