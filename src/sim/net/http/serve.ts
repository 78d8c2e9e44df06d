/**
 * One HTTP exchange over the simulated network, the way every client here makes it (curl, wget,
 * the drill's browser, HAProxy and Nginx themselves): a TCP connection (refused, timed out or
 * unreachable as the kernel reports it), TLS where the server speaks it (the certificate it
 * shows), then the server that owns that port on that host (HAProxy's frontend, an Nginx server
 * block, an app), or a site on the internet answering what the scenario says it does.
 */
import type { CertificateSpec } from '../../../scenario/world/network';
import type { Draft } from '../../draft';
import { hostSpec } from '../../world';
import { epochOf, httpDate } from '../../time';
import { formatIpv4 } from '../address';
import { connectTcp } from '../connect';
import { hashOf } from '../jitter';
import { EPHEMERAL } from '../services';
import { serveApp } from './app';
import { serveHaproxy } from './haproxy';
import { byteLength, headerOf, reasonOf, type HttpRequest, type HttpResponse } from './message';
import { nginxServersOn, serveNginx } from './nginx';
import { textOf } from './template';

export type Exchange =
  | {
      kind: 'response';
      response: HttpResponse;
      /** The certificate the server showed (TLS only). */
      certificate: CertificateSpec | null;
      /** Milliseconds the server took, and the round trip of the path. */
      ms: number;
      rttMs: number;
      /** The client's own address and port for this connection (curl -w %{local_ip}). */
      localAddress: string;
      localPort: number;
    }
  | { kind: 'refused'; rttMs: number }
  | { kind: 'timeout'; rttMs: number }
  | { kind: 'unreachable-network'; rttMs: number }
  | { kind: 'unreachable-host'; rttMs: number }
  /** TLS to a port that speaks plain HTTP: OpenSSL's "wrong version number". */
  | { kind: 'tls-wrong-version'; rttMs: number }
  /** Plain HTTP to a TLS port that closes without answering (HAProxy's `bind … ssl`). */
  | { kind: 'empty-reply'; rttMs: number }
  /** A TCP port that does not speak HTTP (ssh, MySQL), or a site whose pages the drill does not model. */
  | { kind: 'not-http'; rttMs: number; what: string };

/** A TLS certificate the site's port shows, or null for plain HTTP. Used by the dispatch and by curl -v. */
interface Handler {
  tls: boolean;
  certificate: CertificateSpec | null;
  serve: (draft: Draft, request: HttpRequest, peer: { address: string; port: number }) => { response: HttpResponse; ms: number };
}

function handlerOn(draft: Draft, host: string, port: number, localAddress: string): Handler | null {
  const http = hostSpec(draft.config, host)?.network?.http;
  if (!http) return null;
  const haproxy = http.haproxy;
  const frontend = haproxy?.frontends.find((f) => Number(f.bind.slice(f.bind.lastIndexOf(':') + 1)) === port);
  if (haproxy && frontend) {
    const tls = frontend.certificate !== undefined;
    return { tls, certificate: frontend.certificate ?? null, serve: (d, request, peer) => serveHaproxy(d, host, haproxy, frontend, tls, request, peer, forward) };
  }
  const nginx = http.nginx;
  if (nginx) {
    const { servers, ssl } = nginxServersOn(nginx, port);
    if (servers.length > 0) {
      const certificate = servers.find((s) => s.certificate)?.certificate ?? null;
      return { tls: ssl, certificate, serve: (d, request, peer) => serveNginx(d, host, nginx, port, ssl, request, peer.address) };
    }
  }
  const app = (http.apps ?? []).find((a) => a.listen === `${localAddress}:${port}` || a.listen.endsWith(`:${port}`));
  if (app) return { tls: false, certificate: null, serve: (d, request, peer) => serveApp(d, host, app, request, peer.address) };
  return null;
}

/** HAProxy's and Nginx's way to the next server: the same exchange, from their host, in plain HTTP. */
function forward(draft: Draft, from: string, address: number, port: number, request: HttpRequest): { response: HttpResponse; ms: number } | null {
  const exchange = httpExchange(draft, from, address, port, false, request);
  return exchange.kind === 'response' ? { response: exchange.response, ms: exchange.ms } : null;
}

/** An external site's fixed answer (the drill models its address and ports, not its pages). */
function externalAnswer(draft: Draft, answer: { status: number; headers?: readonly (readonly [string, string])[]; body?: string | readonly string[] }, request: HttpRequest): HttpResponse {
  const body = textOf(answer.body as string | string[] | undefined);
  const headers = [...(answer.headers ?? []).map(([n, v]) => [n, v] as const)];
  const date = httpDate(epochOf(draft.config.date, draft.clock));
  const full = [['Date', date] as const, ...headers, ...(headerOf(headers, 'Content-Length') ? [] : [['Content-Length', String(byteLength(body))] as const])];
  return { version: 'HTTP/1.1', status: answer.status, reason: reasonOf(answer.status), headers: full, body: request.method === 'HEAD' ? '' : body };
}

/**
 * Opens a connection from host `from` to `address:port`, speaks TLS when `tls`, and sends the
 * request. Logs, round-robin turns and database reads happen in `draft`.
 */
export function httpExchange(draft: Draft, from: string, address: number, port: number, tls: boolean, request: HttpRequest): Exchange {
  const connection = connectTcp(draft, from, address, port);
  if (connection.kind === 'refused') return { kind: 'refused', rttMs: connection.rttMs };
  if (connection.kind === 'timeout') return { kind: 'timeout', rttMs: 0 };
  if (connection.kind === 'unreachable') return connection.reason === 'network' ? { kind: 'unreachable-network', rttMs: 0 } : { kind: 'unreachable-host', rttMs: 0 };
  const rttMs = connection.rttMs;
  const localAddress = formatIpv4(connection.localAddress);
  const localPort = EPHEMERAL.min + (hashOf('port', from, draft.seq) % (EPHEMERAL.max - EPHEMERAL.min));
  const peer = { address: formatIpv4(connection.seenFrom), port: localPort };
  if (connection.socket === null) {
    const external = draft.config.world.network?.external;
    const spec = external && Object.hasOwn(external, connection.host) ? external[connection.host] : undefined;
    if (tls && spec?.https) return { kind: 'response', response: externalAnswer(draft, spec.https.answer, request), certificate: spec.https.certificate, ms: Math.round(rttMs), rttMs, localAddress, localPort };
    if (!tls && spec?.http && port === 80) return { kind: 'response', response: externalAnswer(draft, spec.http, request), certificate: null, ms: Math.round(rttMs), rttMs, localAddress, localPort };
    return { kind: 'not-http', rttMs, what: `what ${connection.host} answers on port ${port}` };
  }
  const localSide = connection.host === from ? formatIpv4(address) : (connection.socket.host === '0.0.0.0' ? formatIpv4(address) : connection.socket.host);
  const handler = handlerOn(draft, connection.host, port, localSide);
  if (!handler) return { kind: 'not-http', rttMs, what: `what ${connection.socket.unit.replace(/\.service$/, '')} answers to HTTP on port ${port}` };
  if (tls && !handler.tls) return { kind: 'tls-wrong-version', rttMs };
  if (!tls && handler.tls && hostSpec(draft.config, connection.host)?.network?.http?.haproxy?.frontends.some((f) => f.certificate && f.bind.endsWith(`:${port}`))) return { kind: 'empty-reply', rttMs };
  const answer = handler.serve(draft, request, peer);
  return { kind: 'response', response: answer.response, certificate: handler.tls ? handler.certificate : null, ms: answer.ms, rttMs, localAddress, localPort };
}
