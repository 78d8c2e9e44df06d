/**
 * `nc` (netcat-openbsd 1.187, Ubuntu 18.04): TCP connections to ports and port ranges, `-z`
 * (only check), `-v` (say what happened, on stderr), `-w` (connect timeout), `-n` (no DNS), in
 * its own words: `Connection to web-01 80 port [tcp/http] succeeded!`, `nc: connect to web-01
 * port 81 (tcp) failed: Connection refused`; connected, what the server says first (greeting.ts). Listening, UDP, UNIX-domain sockets (`-U`) and talking to
 * a server are not simulated.
 */
import type { ProgramContext } from '../process';
import { connectTcp } from './connect';
import { has, parseOptions, valueOf } from './options';
import { lookupName, LOOKUP_ERROR_TEXT } from './resolver';
import { portOf, serviceName } from './services';
import { isIpv4 } from './address';
import { serverGreeting } from './greeting';

const USAGE = [
  'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]',
  '\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]',
  '\t  [-q seconds] [-s source] [-T keyword] [-V rtable] [-W recvlimit] [-w timeout]',
  '\t  [-X proxy_protocol] [-x proxy_address[:port]] \t  [destination] [port]',
];

/** Most ports one nc run tries (a bound; `nc -z host 1-65535` is stopped there). */
const MAX_PORTS = 1024;

/** `80`, `http`, `20-25` → the ports, or an error in nc's words. */
function portsOf(text: string): number[] | string {
  const named = portOf(text);
  if (named !== null && !/^\d+$/.test(text)) return [named];
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) {
    let lo = Number(range[1]);
    let hi = Number(range[2]);
    if (lo < 1 || lo > 65535) return `port number ${lo < 1 ? 'too small' : 'too large'}: ${range[1]}`;
    if (hi < 1 || hi > 65535) return `port number ${hi < 1 ? 'too small' : 'too large'}: ${range[2]}`;
    if (lo > hi) [lo, hi] = [hi, lo];
    return Array.from({ length: Math.min(hi - lo + 1, MAX_PORTS) }, (_, i) => lo + i);
  }
  if (!/^\d+$/.test(text)) return `port number invalid: ${text}`;
  const n = Number(text);
  if (n < 1) return `port number too small: ${text}`;
  if (n > 65535) return `port number too large: ${text}`;
  return [n];
}

export function nc(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: '46CDdFhklNnrStUuvZzb', values: 'IiMmOPpqsTVWwXx' });
  if (!parsed.ok) {
    if (parsed.error.kind === 'missing') ctx.err(`nc: option requires an argument -- '${parsed.error.option}'`);
    else ctx.err(`nc: invalid option -- '${parsed.error.option.replace(/^-+/, '')}'`);
    for (const l of USAGE) ctx.err(l);
    return 1;
  }
  const o = parsed.options;
  if (has(o, 'h')) {
    ctx.note('Not simulated in this drill: nc -h (its full help text); nc connects as usual.');
    return 0;
  }
  if (has(o, 'l')) {
    ctx.note('Not simulated in this drill: nc -l (listening for connections).');
    return 0;
  }
  if (has(o, 'u')) {
    ctx.note('Not simulated in this drill: nc -u (UDP).');
    return 0;
  }
  if (has(o, 'U')) {
    ctx.note(`Not simulated in this drill: nc -U (talking to the UNIX-domain socket${o.operands[0] ? ` ${o.operands[0]}` : ''}).`);
    return 0;
  }
  const [host, ...portArgs] = o.operands;
  if (!host || portArgs.length === 0) {
    for (const l of USAGE) ctx.err(l);
    return 1;
  }
  const verbose = has(o, 'v');
  const scan = has(o, 'z');
  const timeoutText = valueOf(o, 'w');
  if (timeoutText !== null && !/^\d+$/.test(timeoutText)) {
    ctx.err(`nc: timeout ${/^-/.test(timeoutText) ? 'too small' : 'invalid'}: ${timeoutText}`);
    return 1;
  }
  const ports: number[] = [];
  for (const p of portArgs) {
    const list = portsOf(p);
    if (typeof list === 'string') {
      ctx.err(`nc: ${list}`);
      return 1;
    }
    ports.push(...list.slice(0, MAX_PORTS - ports.length));
  }
  const draft = ctx.sys.draft;
  const found = has(o, 'n') && !isIpv4(host) ? ({ ok: false, error: 'NONAME' } as const) : lookupName(draft, ctx.sys.host, host);
  if (!found.ok) {
    ctx.err(`nc: getaddrinfo for host "${host}" port ${portArgs[0]}: ${LOOKUP_ERROR_TEXT[found.error]}`);
    return 1;
  }
  let status = 1;
  for (const port of ports) {
    const result = connectTcp(draft, ctx.sys.host, found.addresses[0]!, port);
    if (result.kind === 'open') {
      status = 0;
      if (verbose) ctx.err(`Connection to ${host} ${port} port [tcp/${has(o, 'n') ? '*' : (serviceName(port) ?? '*')}] succeeded!`);
      if (!scan) {
        const greeting = serverGreeting(draft, result.host, result.socket);
        if (greeting !== null) ctx.write(greeting);
        ctx.note(`Not simulated in this drill: an interactive nc session; the connection to ${host} port ${port} was opened and closed.`);
        return 0;
      }
      continue;
    }
    if (!verbose) continue;
    if (result.kind === 'refused') ctx.err(`nc: connect to ${host} port ${port} (tcp) failed: Connection refused`);
    else if (result.kind === 'unreachable') ctx.err(`nc: connect to ${host} port ${port} (tcp) failed: ${result.reason === 'network' ? 'Network is unreachable' : 'No route to host'}`);
    else if (timeoutText !== null) ctx.err(`nc: connect to ${host} port ${port} (tcp) timed out: Operation now in progress`);
    else {
      ctx.err(`nc: connect to ${host} port ${port} (tcp) failed: Connection timed out`);
      ctx.note('The drill did not make you wait: without -w, nc waits about two minutes before it gives up.');
    }
  }
  return status;
}
