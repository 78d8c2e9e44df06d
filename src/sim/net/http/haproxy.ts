/**
 * HAProxy 1.8 in HTTP mode, as the scenario configures it: a frontend (TLS ends here when it has
 * a certificate; plain HTTP is redirected to HTTPS when asked), a backend whose servers take the
 * requests in turn (round robin, the turn kept in the world), health checks that take a server
 * out while it does not answer (its Nginx stopped, or its check page failing), HAProxy's own 503
 * when none is left, and one `option httplog` line per request in its log file (haproxySyslog.ts).
 */
import type { HaproxyBackendSpec, HaproxyFrontendSpec, HaproxySpec } from '../../../scenario/world/network';
import { Draft } from '../../draft';
import { clfTime, epochOf } from '../../time';
import { parseIpv4 } from '../address';
import { connectTcp } from '../connect';
import { hashOf } from '../jitter';
import { byteLength, headerOf, reasonOf, withHeader, type Header, type HttpRequest, type HttpResponse } from './message';
import { HAPROXY_503 } from './pages';
import { haproxySyslog } from '../../system/haproxySyslog';

/** What HAProxy hands a request to: the same dispatch the client used, from the balancer's host. */
export type Forward = (draft: Draft, from: string, address: number, port: number, request: HttpRequest, peer: string) => { response: HttpResponse; ms: number } | null;

export interface HaproxyAnswer {
  response: HttpResponse;
  ms: number;
}

function responseBytes(r: HttpResponse): number {
  return byteLength(`${r.version} ${r.status} ${r.reason}\r\n${r.headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`) + byteLength(r.body);
}

function serverAddress(text: string): { address: number; port: number } | null {
  const m = /^([\d.]+):(\d+)$/.exec(text);
  const address = m ? parseIpv4(m[1]!) : null;
  return m && address !== null ? { address, port: Number(m[2]) } : null;
}

/** Whether a server passes its health check now (a TCP connect, then the check page when one is set). */
function serverUp(draft: Draft, host: string, backend: HaproxyBackendSpec, target: { address: number; port: number }, forward: Forward): boolean {
  if (connectTcp(draft, host, target.address, target.port).kind !== 'open') return false;
  const path = backend.check?.path;
  if (!path) return true;
  // The check runs on a scratch copy of the world: checks are not what the trainee's request changed.
  const scratch = new Draft(draft.config, draft.finish());
  const answer = forward(scratch, host, target.address, target.port, { method: 'GET', target: path, headers: [], body: '' }, '');
  return answer !== null && answer.response.status < 400;
}

function worker(draft: Draft, host: string, spec: HaproxySpec): number {
  const unit = spec.unit ?? 'haproxy.service';
  const services = draft.host(host)?.services ?? {};
  const state = Object.hasOwn(services, unit) ? services[unit] : undefined;
  return state?.workers[0] ?? state?.pid ?? 0;
}

/** A request line: to rsyslog's socket in the chroot, so only the haproxy log has it (not the journal). */
function log(draft: Draft, host: string, spec: HaproxySpec, message: string): void {
  haproxySyslog(draft, host, worker(draft, host, spec), message);
}

/**
 * httplog's `actconn/feconn/beconn/srv_conn/retries` for a request while `conns` connections are
 * open on the process (all on this frontend): a request handled by the frontend itself (a
 * redirect, `frontend/<NOSRV>`) is on no backend; one queued on a backend with no server counts
 * in beconn only; one that reached a server counts in beconn and srv_conn. So actconn ≥ feconn
 * ≥ beconn ≥ srv_conn, and a served request has beconn and srv_conn of at least 1.
 */
export function connCounts(conns: number, frontend: string, backendServer: string, hash: number): string {
  const [backend, server] = backendServer.split('/');
  if (backend === frontend && server === '<NOSRV>') return `${conns}/${conns}/0/0/0`;
  // Most open connections are idle keep-alives on the frontend: a few are busy on the backend.
  const beconn = Math.min(conns, 1 + (hash % 4));
  const srvConn = server === '<NOSRV>' ? 0 : Math.min(beconn, 1 + ((hash >>> 4) % beconn));
  return `${conns}/${conns}/${beconn}/${srvConn}/0`;
}

/**
 * Serves one request that reached `frontend` on the balancer `host`, from `client` (its address
 * and port as HAProxy sees them).
 */
export function serveHaproxy(draft: Draft, host: string, spec: HaproxySpec, frontend: HaproxyFrontendSpec, tls: boolean, request: HttpRequest, client: { address: string; port: number }, forward: Forward): HaproxyAnswer {
  const seq = draft.next();
  const epoch = epochOf(draft.config.date, draft.clock);
  const millis = String(seq % 1000).padStart(3, '0');
  const accepted = `${clfTime(epoch).replace(' +0000', '')}.${millis}`;
  const name = `${frontend.name}${tls ? '~' : ''}`;
  const conns = 3 + (hashOf('haproxy-conns', host, seq) % 30);
  const line = (backendServer: string, timers: string, r: HttpResponse, flags: string) =>
    `${client.address}:${client.port} [${accepted}] ${name} ${backendServer} ${timers} ${r.status} ${responseBytes(r)} - - ${flags} ${connCounts(conns, frontend.name, backendServer, hashOf('haproxy-beconn', host, seq))} 0/0 "${request.method} ${request.target} HTTP/1.1"`;
  if (frontend.redirectHttps && !tls) {
    const location = `https://${headerOf(request.headers, 'Host') ?? ''}${request.target}`;
    const r: HttpResponse = { version: 'HTTP/1.1', status: 301, reason: reasonOf(301), headers: [['Content-length', '0'], ['Location', location]], body: '' };
    log(draft, host, spec, line(`${frontend.name}/<NOSRV>`, '0/-1/-1/-1/0', r, 'LR--'));
    return { response: r, ms: 0 };
  }
  const backend = spec.backends.find((b) => b.name === frontend.backend);
  const noServer = (backendServer: string, timers: string, flags: string): HaproxyAnswer => {
    const r: HttpResponse = { version: 'HTTP/1.0', status: HAPROXY_503.status, reason: HAPROXY_503.reason, headers: [...HAPROXY_503.headers], body: request.method === 'HEAD' ? '' : HAPROXY_503.body };
    log(draft, host, spec, line(backendServer, timers, r, flags));
    return { response: r, ms: 0 };
  };
  if (!backend) return noServer(`${frontend.name}/<NOSRV>`, '0/-1/-1/-1/0', 'SC--');
  const servers = backend.servers.map((s) => ({ spec: s, target: serverAddress(s.address) })).filter((s): s is { spec: (typeof backend.servers)[number]; target: { address: number; port: number } } => s.target !== null);
  const up = backend.check ? servers.filter((s) => serverUp(draft, host, backend, s.target, forward)) : servers;
  if (up.length === 0) return noServer(`${backend.name}/<NOSRV>`, '0/-1/-1/-1/0', 'SC--');
  const key = `${frontend.name}/${backend.name}`;
  const net = draft.host(host)?.net ?? {};
  const turns = net.roundRobin && Object.hasOwn(net.roundRobin, key) ? net.roundRobin[key]! : 0;
  draft.setNet(host, { ...net, roundRobin: { ...(net.roundRobin ?? {}), [key]: turns + 1 } });
  const chosen = up[turns % up.length]!;
  let headers: Header[] = [...request.headers];
  if (backend.forwardFor) {
    const xff = headerOf(headers, 'X-Forwarded-For');
    headers = withHeader(headers, 'X-Forwarded-For', xff ? `${xff}, ${client.address}` : client.address);
  }
  const answer = forward(draft, host, chosen.target.address, chosen.target.port, { ...request, headers }, '');
  if (!answer) return noServer(`${backend.name}/${chosen.spec.name}`, '0/0/-1/-1/3', 'SC--');
  const tc = 1;
  const tr = Math.max(1, answer.ms);
  log(draft, host, spec, line(`${backend.name}/${chosen.spec.name}`, `0/0/${tc}/${tr}/${tc + tr}`, answer.response, '----'));
  return { response: answer.response, ms: tc + tr };
}
