/**
 * Nginx 1.14 serving a request from the scenario's server blocks: the server by listen port and
 * Host (else the default server), the location (exact match, else longest prefix), then
 * `return`, `try_files` over the host's real files, or `proxy_pass` to an app (refused while the
 * app is down: 502 and the error log's line). Every request is written to the access log (the
 * `combined` format unless the scenario gives another) with the `$request_id` it got.
 */
import type { NginxLocationSpec, NginxServerSpec, NginxSpec } from '../../../scenario/world/network';
import type { Draft } from '../../draft';
import { lookup } from '../../fs';
import { clfTime, epochOf, httpDate } from '../../time';
import { unitsOf } from '../../system/units';
import { parseIpv4 } from '../address';
import { connectTcp } from '../connect';
import { hashOf, hexOf } from '../jitter';
import { serveApp } from './app';
import { appendLog } from './logs';
import { byteLength, headerOf, reasonOf, withHeader, type Header, type HttpRequest, type HttpResponse } from './message';
import { nginxErrorPage, nginxVersionText } from './pages';
import { pathOf } from './url';
import { inNetwork, parseCidr } from '../address';

export interface NginxAnswer {
  response: HttpResponse;
  ms: number;
  requestId: string;
}

interface Listen {
  address: string | null;
  port: number;
  ssl: boolean;
  defaultServer: boolean;
}

/** `443 ssl http2`, `127.0.0.1:8080`, `[::]:80 default_server` → its parts. */
export function parseListen(text: string): Listen | null {
  const [first = '', ...flags] = text.trim().split(/\s+/);
  const m = /^(?:(\[[^\]]*\]|[^:]+):)?(\d{1,5})$/.exec(first);
  if (!m) return null;
  return { address: m[1] ?? null, port: Number(m[2]), ssl: flags.includes('ssl'), defaultServer: flags.includes('default_server') || flags.includes('default') };
}

/** The server blocks listening on a port, and whether that port speaks TLS. */
export function nginxServersOn(spec: NginxSpec, port: number): { servers: NginxServerSpec[]; ssl: boolean } {
  const servers: NginxServerSpec[] = [];
  let ssl = false;
  for (const server of spec.servers) {
    for (const l of server.listen.map(parseListen)) {
      if (l && l.port === port) {
        if (!servers.includes(server)) servers.push(server);
        ssl ||= l.ssl;
      }
    }
  }
  return { servers, ssl };
}

function chooseServer(servers: NginxServerSpec[], port: number, hostHeader: string): NginxServerSpec {
  const name = hostHeader.replace(/:\d+$/, '').toLowerCase();
  const named = servers.find((s) => (s.serverNames ?? []).some((n) => n.toLowerCase() === name || (n.startsWith('*.') && name.endsWith(n.slice(1).toLowerCase())) || (n.startsWith('.') && (name === n.slice(1) || name.endsWith(n)))));
  if (named) return named;
  return servers.find((s) => s.listen.some((l) => parseListen(l)?.port === port && parseListen(l)?.defaultServer)) ?? servers[0]!;
}

function chooseLocation(server: NginxServerSpec, path: string): NginxLocationSpec | null {
  const exact = server.locations.find((l) => l.exact && l.path === path);
  if (exact) return exact;
  let best: NginxLocationSpec | null = null;
  for (const l of server.locations) if (!l.exact && path.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  return best;
}

const MIME: ReadonlyMap<string, string> = new Map([
  ['html', 'text/html'], ['htm', 'text/html'], ['css', 'text/css'], ['js', 'application/javascript'], ['json', 'application/json'], ['txt', 'text/plain'],
  ['png', 'image/png'], ['jpg', 'image/jpeg'], ['jpeg', 'image/jpeg'], ['gif', 'image/gif'], ['svg', 'image/svg+xml'], ['ico', 'image/x-icon'], ['xml', 'text/xml'], ['woff2', 'font/woff2'],
]);

function mimeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return path.includes('.') ? (MIME.get(ext) ?? 'application/octet-stream') : 'application/octet-stream';
}

interface Context {
  draft: Draft;
  host: string;
  spec: NginxSpec;
  server: NginxServerSpec;
  request: HttpRequest;
  /** `$remote_addr` after real_ip. */
  remoteAddr: string;
  /** The address that connected (HAProxy's, or the client's). */
  peer: string;
  requestId: string;
  scheme: 'http' | 'https';
  hostHeader: string;
  seq: number;
}

function variables(c: Context, uri: string): Map<string, string> {
  const xff = headerOf(c.request.headers, 'X-Forwarded-For');
  return new Map([
    ['request_id', c.requestId],
    ['host', c.hostHeader.replace(/:\d+$/, '') || (c.server.serverNames?.[0] ?? '')],
    ['http_host', c.hostHeader],
    ['remote_addr', c.remoteAddr],
    ['proxy_add_x_forwarded_for', xff ? `${xff}, ${c.remoteAddr}` : c.remoteAddr],
    ['scheme', c.scheme],
    ['request_uri', c.request.target],
    ['uri', uri],
    ['server_name', c.server.serverNames?.[0] ?? ''],
  ]);
}

function expand(text: string, vars: Map<string, string>): string {
  return text.replace(/\$([a-z_]+)/g, (_m, name: string) => vars.get(name) ?? '');
}

function respond(c: Context, status: number, headers: Header[], body: string, uri: string): HttpResponse {
  const server = nginxVersionText(c.spec.version);
  // add_header applies to success and redirect answers only, unless it ends with `always`.
  const ordinary = [200, 201, 204, 206, 301, 302, 303, 304, 307, 308].includes(status);
  const added = Object.entries(c.server.addHeaders ?? {})
    .filter(([, v]) => ordinary || /\s+always$/.test(v))
    .map(([k, v]) => [k, expand(v.replace(/\s+always$/, ''), variables(c, uri))] as const);
  const all: Header[] = [['Server', server], ['Date', httpDate(epochOf(c.draft.config.date, c.draft.clock))], ...headers, ...added];
  return { version: 'HTTP/1.1', status, reason: reasonOf(status), headers: all, body: c.request.method === 'HEAD' ? '' : body };
}

function errorPage(c: Context, status: number, uri: string, detail?: string): HttpResponse {
  const body = nginxErrorPage(status, reasonOf(status), nginxVersionText(c.spec.version), detail);
  return respond(c, status, [['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))], ['Connection', 'keep-alive']], body, uri);
}

function staticFile(c: Context, file: string, uri: string): HttpResponse | null {
  const root = c.server.root ?? '/var/www/html';
  const full = `${root}${file.startsWith('/') ? '' : '/'}${file}`.replace(/\/+/g, '/');
  const files = c.draft.host(c.host)?.files ?? {};
  const found = lookup(files, full);
  if (!found) return null;
  if (found.node.kind === 'dir') {
    for (const index of c.server.index ?? ['index.html', 'index.htm']) {
      const inner = staticFile(c, `${file.replace(/\/$/, '')}/${index}`, uri);
      if (inner) return inner;
    }
    return null;
  }
  if (found.node.kind !== 'file') return null;
  const text = found.node.content ?? '';
  const size = found.node.size ?? byteLength(text);
  const mtime = found.node.mtime;
  return respond(c, 200, [['Content-Type', mimeOf(found.path)], ['Content-Length', String(size)], ['Last-Modified', httpDate(mtime)], ['Connection', 'keep-alive'], ['ETag', `"${mtime.toString(16)}-${size.toString(16)}"`], ['Accept-Ranges', 'bytes']], text, uri);
}

function tryFiles(c: Context, list: readonly string[], uri: string, depth: number): HttpResponse {
  for (let i = 0; i < list.length - 1; i += 1) {
    const candidate = list[i]!.replace(/\$uri/g, uri);
    if (candidate.endsWith('/')) {
      const dir = lookup(c.draft.host(c.host)?.files ?? {}, `${c.server.root ?? '/var/www/html'}${candidate}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1'));
      if (dir?.node.kind === 'dir') return staticFile(c, candidate, uri) ?? errorPage(c, 403, uri);
      continue;
    }
    const found = lookup(c.draft.host(c.host)?.files ?? {}, `${c.server.root ?? '/var/www/html'}/${candidate}`.replace(/\/+/g, '/'));
    if (found?.node.kind === 'file') return staticFile(c, candidate, uri)!;
  }
  const last = list[list.length - 1] ?? '=404';
  const code = /^=(\d{3})$/.exec(last);
  if (code) return errorPage(c, Number(code[1]), uri);
  return handleUri(c, last.replace(/\$uri/g, uri), depth + 1).response;
}

function proxy(c: Context, location: NginxLocationSpec, uri: string): { response: HttpResponse; ms: number } {
  const target = /^http:\/\/([\d.]+):(\d+)/.exec(location.proxyPass!)!;
  const address = parseIpv4(target[1]!)!;
  const port = Number(target[2]);
  const connection = connectTcp(c.draft, c.host, address, port);
  const worker = workerPid(c);
  const upstream = `http://${target[1]}:${port}${c.request.target}`;
  const logError = (what: string) => {
    const line = `${nginxErrorTime(c)} [error] ${worker}#${worker}: *${c.seq % 100000} ${what} while connecting to upstream, client: ${c.remoteAddr}, server: ${c.server.serverNames?.[0] ?? ''}, request: "${c.request.method} ${c.request.target} HTTP/1.1", upstream: "${upstream}", host: "${c.hostHeader}"`;
    appendLog(c.draft, c.host, c.spec.errorLog ?? '/var/log/nginx/error.log', line, { owner: 'www-data', group: 'adm', mode: 0o640 });
  };
  if (connection.kind !== 'open') {
    logError(connection.kind === 'refused' ? 'connect() failed (111: Connection refused)' : connection.kind === 'timeout' ? 'upstream timed out (110: Connection timed out)' : 'connect() failed (113: No route to host)');
    return { response: errorPage(c, connection.kind === 'timeout' ? 504 : 502, uri), ms: connection.kind === 'timeout' ? 60_000 : 0 };
  }
  const app = (hostAppAt(c, target[1]!, port));
  if (!app) return { response: errorPage(c, 502, uri), ms: 0 };
  const vars = variables(c, uri);
  // proxy_pass's own headers (Host: $proxy_host, Connection: close), then the scenario's proxy_set_header.
  let headers: Header[] = c.request.headers.filter(([n]) => !['host', 'connection'].includes(n.toLowerCase()));
  headers = [['Host', `${target[1]}:${port}`], ['Connection', 'close'], ...headers];
  for (const [name, value] of Object.entries(c.server.proxyHeaders ?? {})) headers = withHeader(headers, name, expand(value, vars));
  const answer = serveApp(c.draft, c.host, app, { ...c.request, headers }, '127.0.0.1');
  const drop = new Set(['connection', 'keep-alive', 'date', 'server', 'content-type', 'content-length', 'transfer-encoding']);
  const upstreamHeaders = answer.response.headers;
  const contentType = headerOf(upstreamHeaders, 'Content-Type');
  const length = headerOf(upstreamHeaders, 'Content-Length');
  const own: Header[] = [...(contentType ? [['Content-Type', contentType] as const] : []), ...(length ? [['Content-Length', length] as const] : []), ['Connection', 'keep-alive']];
  const response = respond(c, answer.response.status, [...own, ...upstreamHeaders.filter(([n]) => !drop.has(n.toLowerCase()))], answer.response.body, uri);
  return { response, ms: answer.ms };
}

function hostAppAt(c: Context, address: string, port: number) {
  const apps = c.draft.config.world.hosts[c.host]?.network?.http?.apps ?? [];
  return apps.find((a) => a.listen === `${address}:${port}`) ?? apps.find((a) => a.listen.endsWith(`:${port}`)) ?? null;
}

function workerPid(c: Context): number {
  const unit = c.spec.unit ?? 'nginx.service';
  const services = c.draft.host(c.host)?.services ?? {};
  const state = Object.hasOwn(services, unit) ? services[unit] : undefined;
  const workers = state?.workers ?? [];
  return workers.length ? workers[c.seq % workers.length]! : (state?.pid ?? 0);
}

function nginxErrorTime(c: Context): string {
  const d = new Date(epochOf(c.draft.config.date, c.draft.clock) * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function handleUri(c: Context, uri: string, depth: number): { response: HttpResponse; ms: number; location: NginxLocationSpec | null } {
  if (depth > 10) return { response: errorPage(c, 500, uri), ms: 0, location: null };
  const location = chooseLocation(c.server, uri);
  if (!location) return { response: staticFile(c, uri, uri) ?? errorPage(c, 404, uri), ms: 0, location };
  if (location.return) {
    const r = location.return;
    if (r.location || (r.status >= 300 && r.status < 400)) {
      const body = nginxErrorPage(r.status, reasonOf(r.status), nginxVersionText(c.spec.version));
      const target = expand(r.location ?? r.body ?? '/', variables(c, uri));
      return { response: respond(c, r.status, [['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))], ['Connection', 'keep-alive'], ['Location', target]], body, uri), ms: 0, location };
    }
    const body = expand(r.body ?? '', variables(c, uri));
    return { response: respond(c, r.status, [['Content-Type', 'application/octet-stream'], ['Content-Length', String(byteLength(body))], ['Connection', 'keep-alive']], body, uri), ms: 0, location };
  }
  if (location.tryFiles) return { response: tryFiles(c, location.tryFiles, uri, depth), ms: 0, location };
  if (location.proxyPass) return { ...proxy(c, location, uri), location };
  return { response: staticFile(c, uri, uri) ?? errorPage(c, 404, uri), ms: 0, location };
}

function trusted(spec: NginxSpec, peer: string): boolean {
  const address = parseIpv4(peer);
  if (address === null) return false;
  return (spec.realIpFrom ?? []).some((f) => {
    const cidr = parseCidr(f.includes('/') ? f : `${f}/32`);
    return cidr !== null && inNetwork(address, cidr.network);
  });
}

function accessLine(c: Context, response: HttpResponse, ms: number): string {
  const format = c.spec.logFormat ?? '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';
  const dash = (v: string | null) => (v === null || v === '' ? '-' : v);
  const vars = new Map([
    ...variables(c, pathOf(c.request.target)),
    ['remote_user', '-'],
    ['time_local', clfTime(epochOf(c.draft.config.date, c.draft.clock))],
    ['request', `${c.request.method} ${c.request.target} HTTP/1.1`],
    ['status', String(response.status)],
    ['body_bytes_sent', String(byteLength(response.body))],
    ['http_referer', dash(headerOf(c.request.headers, 'Referer'))],
    ['http_user_agent', dash(headerOf(c.request.headers, 'User-Agent'))],
    ['http_x_forwarded_for', dash(headerOf(c.request.headers, 'X-Forwarded-For'))],
    ['request_time', (ms / 1000).toFixed(3)],
    ['upstream_response_time', (ms / 1000).toFixed(3)],
  ]);
  return format.replace(/\$([a-z_]+)/g, (_m, name: string) => vars.get(name) ?? '-');
}

/**
 * Serves one request that reached Nginx on `host` at `port`. `peer` is the connecting address
 * (what `$remote_addr` is unless real_ip trusts it).
 */
export function serveNginx(draft: Draft, host: string, spec: NginxSpec, port: number, tls: boolean, request: HttpRequest, peer: string): NginxAnswer {
  const seq = draft.next();
  const requestId = hexOf(32, 'request_id', host, seq);
  const { servers, ssl } = nginxServersOn(spec, port);
  const hostHeader = headerOf(request.headers, 'Host') ?? '';
  const server = chooseServer(servers, port, hostHeader);
  const realHeader = spec.realIpHeader ?? 'X-Real-IP';
  const forwarded = headerOf(request.headers, realHeader);
  const remoteAddr = forwarded && trusted(spec, peer) ? forwarded.split(',').map((s) => s.trim()).filter(Boolean).pop() ?? peer : peer;
  const c: Context = { draft, host, spec, server, request, remoteAddr, peer, requestId, scheme: tls ? 'https' : 'http', hostHeader, seq };
  const uri = decodePath(pathOf(request.target));
  let result: { response: HttpResponse; ms: number; location: NginxLocationSpec | null };
  if (ssl && !tls) result = { response: errorPage(c, 400, uri, 'The plain HTTP request was sent to HTTPS port'), ms: 0, location: null };
  else result = handleUri(c, uri, 0);
  const ms = result.ms + (hashOf('nginx', host, seq) % 2);
  if (result.location?.accessLog !== false) appendLog(draft, host, spec.accessLog ?? '/var/log/nginx/access.log', accessLine(c, result.response, ms), { owner: 'www-data', group: 'adm', mode: 0o640 });
  return { response: result.response, ms, requestId };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The unit Nginx runs as on a host (the one whose sockets take its connections). */
export function nginxUnit(draft: Draft, host: string, spec: NginxSpec): string {
  return spec.unit ?? unitsOf(draft.config, host).find((u) => u.kind === 'nginx')?.name ?? 'nginx.service';
}

