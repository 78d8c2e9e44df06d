/**
 * `browser`: the drill's stand-in for the trainee's web browser (not a real CLI, so its words are
 * the drill's own, plain and short). `browser open URL` fetches the page as a browser does
 * (following redirects, sending and keeping cookies in a jar that lives in the world, per host)
 * and shows its status and its text as `w3m -dump` would; `browser login [URL]` opens the login
 * page and signs in with the test account the scenario declares, then opens the landing page;
 * `browser clear-cache` empties the jar and the cache. Every request takes the same way as curl's,
 * so it lands in the same logs with its own request id.
 */
import type { ProgramContext } from '../process';
import { cookieHeader, fetchUrl, hostHeader, parseSetCookie, storeCookie } from './http/client';
import { dumpHtml } from './http/dump';
import { byteLength, headerOf, headersOf, type Header, type HttpResponse } from './http/message';
import { parseUrl, resolveLocation, urlText, type Url } from './http/url';
import type { Cookie } from './state';
import { netHost } from './topology';

const USER_AGENT = 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:75.0) Gecko/20100101 Firefox/75.0';
const ACCEPT_PAGE = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8';
const MAX_REDIRECTS = 20;
const USAGE = ['Usage: browser open URL', '       browser login [URL]', '       browser clear-cache'];

type Visit = { ok: true; url: Url; response: HttpResponse } | { ok: false; message: string };

function jarOf(ctx: ProgramContext): readonly Cookie[] {
  return ctx.sys.draft.host(ctx.sys.host)?.net?.browserCookies ?? startingCookies(ctx);
}

/** The cookies the scenario says the browser holds when the drill starts. */
function startingCookies(ctx: ProgramContext): Cookie[] {
  return (netHost(ctx.sys.config, ctx.sys.host)?.spec?.browser?.cookies ?? []).map((c) => ({ domain: c.domain.replace(/^\./, ''), includeSubdomains: c.domain.startsWith('.'), path: c.path ?? '/', secure: c.secure ?? false, httpOnly: true, expires: 0, name: c.name, value: c.value }));
}

function saveJar(ctx: ProgramContext, jar: readonly Cookie[], visited: readonly string[]): void {
  const net = ctx.sys.draft.host(ctx.sys.host)?.net ?? {};
  const cache = [...(net.browserCache ?? []).filter((u) => !visited.includes(u)), ...visited].slice(-200);
  ctx.sys.draft.setNet(ctx.sys.host, { ...net, browserCookies: jar, browserCache: cache });
}

/** One page visit: the request, the redirects a browser follows, the cookies it keeps. */
function visit(ctx: ProgramContext, start: Url, method: 'GET' | 'POST', body: string, contentType: string | null): Visit {
  const now = ctx.sys.now();
  let jar = [...jarOf(ctx)];
  const visited: string[] = [];
  let url = start;
  let verb = method;
  let payload = body;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const headers: Header[] = [['Host', hostHeader(url)], ['User-Agent', USER_AGENT], ['Accept', verb === 'POST' ? 'application/json, text/plain, */*' : ACCEPT_PAGE], ['Accept-Language', 'en-US,en;q=0.5']];
    const cookies = cookieHeader(jar, url, now);
    if (cookies) headers.push(['Cookie', cookies]);
    if (verb === 'POST') headers.push(['Content-Type', contentType ?? 'application/x-www-form-urlencoded'], ['Content-Length', String(byteLength(payload))]);
    const fetched = fetchUrl(ctx.sys.draft, ctx.sys.host, url, { method: verb, target: url.target, headers, body: verb === 'POST' ? payload : '' });
    if (fetched.kind === 'no-host') {
      saveJar(ctx, jar, visited);
      return { ok: false, message: fetched.error === 'AGAIN' ? `Server not found: ${url.host} (no DNS server answers).` : `Server not found: ${url.host}.` };
    }
    const ex = fetched.exchange;
    if (ex.kind !== 'response') {
      saveJar(ctx, jar, visited);
      const why: Record<string, string> = {
        refused: 'connection refused',
        timeout: 'the connection timed out',
        'unreachable-network': 'network unreachable',
        'unreachable-host': 'no route to host',
        'tls-wrong-version': 'the server does not speak HTTPS on that port',
        'empty-reply': 'the server closed the connection without answering',
        'not-http': 'that port does not serve web pages',
      };
      return { ok: false, message: `Unable to connect to ${url.host}: ${why[ex.kind] ?? ex.kind}.` };
    }
    if (url.scheme === 'https' && !fetched.nameMatched) {
      saveJar(ctx, jar, visited);
      return { ok: false, message: `Security warning: the certificate of ${url.host} is not valid for that name. The page was not opened.` };
    }
    visited.push(urlText(url));
    for (const header of headersOf(ex.response.headers, 'Set-Cookie')) {
      const cookie = parseSetCookie(header, url, now);
      if (cookie) jar = storeCookie(jar, cookie, now);
    }
    const location = headerOf(ex.response.headers, 'Location');
    if (ex.response.status >= 300 && ex.response.status < 400 && location) {
      const next = resolveLocation(url, location);
      if (!next.ok) {
        saveJar(ctx, jar, visited);
        return { ok: true, url, response: ex.response };
      }
      if (ex.response.status !== 307 && ex.response.status !== 308) {
        verb = 'GET';
        payload = '';
      }
      url = next.url;
      continue;
    }
    saveJar(ctx, jar, visited);
    return { ok: true, url, response: ex.response };
  }
  saveJar(ctx, jar, visited);
  return { ok: false, message: `The page ${urlText(start)} redirects in a loop.` };
}

/** What the page shows: HTML as w3m -dump renders it, other text as it is. */
function pageText(response: HttpResponse): string[] {
  const type = headerOf(response.headers, 'Content-Type') ?? '';
  if (type.includes('html') || /^\s*<(!doctype|html)/i.test(response.body)) return dumpHtml(response.body);
  return response.body === '' ? [] : response.body.replace(/\n$/, '').split('\n').slice(0, 2000);
}

function showPage(ctx: ProgramContext, v: Extract<Visit, { ok: true }>): void {
  ctx.out(`${v.response.status} ${v.response.reason}  ${urlText(v.url)}`);
  for (const l of pageText(v.response)) ctx.out(l);
}

function urlArg(ctx: ProgramContext, text: string): Url | null {
  const parsed = parseUrl(text);
  if (parsed.ok) return parsed.url;
  ctx.err(parsed.error === 'scheme' ? `browser: ${parsed.scheme}: addresses are not web pages.` : `browser: ${text}: not a web address.`);
  return null;
}

function open(ctx: ProgramContext, args: readonly string[]): number {
  if (args.length !== 1) {
    ctx.err('Usage: browser open URL');
    return 2;
  }
  const url = urlArg(ctx, args[0]!);
  if (!url) return 2;
  const v = visit(ctx, url, 'GET', '', null);
  if (!v.ok) {
    ctx.out(v.message);
    return 1;
  }
  showPage(ctx, v);
  return v.response.status < 400 ? 0 : 1;
}

/** The error a login form's script shows for a failed answer: the JSON `error`/`message`, or the status. */
function failureText(response: HttpResponse): string {
  try {
    const parsed: unknown = JSON.parse(response.body);
    if (parsed && typeof parsed === 'object') {
      for (const key of ['error', 'message']) {
        const value = (parsed as Record<string, unknown>)[key];
        if (typeof value === 'string') return value;
      }
    }
  } catch {
    // Not JSON: the page's own text.
  }
  const text = pageText(response).find((l) => l.trim() !== '');
  return text ?? `${response.status} ${response.reason}`;
}

function login(ctx: ProgramContext, args: readonly string[]): number {
  const spec = netHost(ctx.sys.config, ctx.sys.host)?.spec?.browser;
  const account = spec?.account;
  const loginText = args[0] ?? spec?.loginUrl;
  if (!account || !loginText) {
    ctx.out('No test account is set up in this browser.');
    return 1;
  }
  const loginUrl = urlArg(ctx, loginText);
  if (!loginUrl) return 2;
  const page = visit(ctx, loginUrl, 'GET', '', null);
  if (!page.ok) {
    ctx.out(`Opening ${urlText(loginUrl)} ... ${page.message}`);
    return 1;
  }
  ctx.out(`Opening ${urlText(loginUrl)} ... ${page.response.status} ${page.response.reason}`);
  if (page.response.status >= 400) {
    for (const l of pageText(page.response)) ctx.out(l);
    return 1;
  }
  const action = spec?.loginPost ?? /<form[^>]*\saction\s*=\s*["']?([^"'\s>]+)/i.exec(page.response.body)?.[1] ?? null;
  const target = action ? resolveLocation(page.url, action) : null;
  if (!target?.ok) {
    ctx.out('There is no login form on that page.');
    return 1;
  }
  ctx.out(`Logging in as ${account.email} ...`);
  ctx.note('The drill typed the test account\'s password for you.');
  const body = `email=${encodeURIComponent(account.email)}&password=${encodeURIComponent(account.password)}`;
  const answer = visit(ctx, target.url, 'POST', body, 'application/x-www-form-urlencoded');
  if (!answer.ok) {
    ctx.out(`POST ${urlText(target.url)} → ${answer.message}`);
    return 1;
  }
  const r = answer.response;
  if (r.status >= 400) {
    ctx.out(`POST ${urlText(target.url)} → ${r.status} ${r.reason}`);
    ctx.out(`"${failureText(r)}"`);
    return 1;
  }
  ctx.out(`POST ${urlText(target.url)} → ${r.status} ${r.reason}`);
  let landing = spec?.landingUrl ? parseUrl(spec.landingUrl) : null;
  if (!landing) {
    try {
      const parsed: unknown = JSON.parse(r.body);
      const redirect = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).redirect : undefined;
      if (typeof redirect === 'string') landing = resolveLocation(answer.url, redirect);
    } catch {
      landing = null;
    }
  }
  if (!landing?.ok) {
    for (const l of pageText(r)) ctx.out(l);
    return 0;
  }
  const next = visit(ctx, landing.url, 'GET', '', null);
  if (!next.ok) {
    ctx.out(next.message);
    return 1;
  }
  showPage(ctx, next);
  return next.response.status < 400 ? 0 : 1;
}

function clearCache(ctx: ProgramContext): number {
  const net = ctx.sys.draft.host(ctx.sys.host)?.net ?? {};
  const cookies = jarOf(ctx).length;
  const pages = (net.browserCache ?? []).length;
  ctx.sys.draft.setNet(ctx.sys.host, { ...net, browserCookies: [], browserCache: [] });
  ctx.out(`Cleared the cache (${pages} page${pages === 1 ? '' : 's'}) and the cookies (${cookies}) of every site.`);
  return 0;
}

export function browser(ctx: ProgramContext): number {
  const [command, ...args] = ctx.argv.slice(1);
  if (command === 'open') return open(ctx, args);
  if (command === 'login') return login(ctx, args);
  if (command === 'clear-cache' || command === '--clear-cache') return clearCache(ctx);
  for (const l of USAGE) ctx.err(l);
  return 2;
}
