/**
 * ss 4.15's filter: the `state`/`exclude` words that pick socket states, then the expression
 * grammar of misc/ssfilter.y (`sport = :3306`, `dport ge :1024`, `src 10.0.1.0/24`,
 * `dst 10.0.2.10:3306`, `and`/`or`/`not`, parentheses). A v4-mapped address matches an IPv4
 * rule, as inet2_addr_match has it.
 */
import { inNetwork, parseCidr, parseIpv4 } from './address';
import { portOf } from './services';

/** The states ss knows, in its own upper-case names. */
export type SocketState = 'ESTAB' | 'SYN-SENT' | 'SYN-RECV' | 'FIN-WAIT-1' | 'FIN-WAIT-2' | 'TIME-WAIT' | 'UNCONN' | 'CLOSE-WAIT' | 'LAST-ACK' | 'LISTEN' | 'CLOSING';

export const ALL_STATES: readonly SocketState[] = ['ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'UNCONN', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING'];

const NAMED: ReadonlyMap<string, SocketState> = new Map([
  ['established', 'ESTAB'], ['syn-sent', 'SYN-SENT'], ['syn-recv', 'SYN-RECV'], ['syn-rcv', 'SYN-RECV'], ['fin-wait-1', 'FIN-WAIT-1'], ['fin-wait-2', 'FIN-WAIT-2'],
  ['time-wait', 'TIME-WAIT'], ['unconnected', 'UNCONN'], ['close', 'UNCONN'], ['closed', 'UNCONN'], ['close-wait', 'CLOSE-WAIT'], ['last-ack', 'LAST-ACK'],
  ['listening', 'LISTEN'], ['closing', 'CLOSING'],
]);

/** scan_state: the states one word stands for, or null (`ss: wrong state name: X`). */
export function statesNamed(word: string): SocketState[] | null {
  const w = word.toLowerCase();
  const one = NAMED.get(w);
  if (one) return [one];
  const except = (...out: SocketState[]) => ALL_STATES.filter((s) => !out.includes(s));
  switch (w) {
    case 'all':
      return [...ALL_STATES];
    case 'connected':
      return except('UNCONN', 'LISTEN');
    case 'synchronized':
      return except('UNCONN', 'LISTEN', 'SYN-SENT');
    case 'bucket':
      return ['SYN-RECV', 'TIME-WAIT'];
    case 'big':
      return except('SYN-RECV', 'TIME-WAIT');
    default:
      return null;
  }
}

/** What a filter is matched against: one socket's ends. `local`/`peer` are IPv4 text (a v4-mapped one as its IPv4), or null for `*`. */
export interface FilterSubject {
  local: string | null;
  localPort: number;
  peer: string | null;
  peerPort: number;
}

export type SocketFilter = (s: FilterSubject) => boolean;

type Parsed = { ok: true; filter: SocketFilter } | { ok: false; error: 'syntax' } | { ok: false; error: 'port'; text: string } | { ok: false; error: 'unsupported' };

interface HostCond {
  network: { base: number; prefix: number } | null;
  port: number | null;
}

function portCond(text: string): number | null | 'bad' {
  const t = text.startsWith(':') ? text.slice(1) : text;
  if (t === '' || t === '*') return null;
  return portOf(t) ?? 'bad';
}

/** `10.0.1.21`, `10.0.1.0/24`, `10.0.2.10:3306`, `:3306`, `*:22`; null when the drill does not read it (a name, IPv6). */
function hostCond(text: string): HostCond | 'bad-port' | null {
  const at = text.lastIndexOf(':');
  const addr = at >= 0 ? text.slice(0, at) : text;
  const portPart = at >= 0 ? text.slice(at + 1) : '';
  const port = portCond(portPart);
  if (port === 'bad') return 'bad-port';
  if (addr === '' || addr === '*') return { network: null, port };
  const cidr = parseCidr(addr.includes('/') ? addr : `${addr}/32`);
  if (!cidr || parseIpv4(addr.split('/')[0]!) === null) return null;
  return { network: cidr.network, port };
}

function matchesEnd(address: string | null, port: number, cond: HostCond): boolean {
  if (cond.port !== null && cond.port !== port) return false;
  if (!cond.network) return true;
  const value = address === null ? 0 : parseIpv4(address);
  return value !== null && inNetwork(value, cond.network);
}

const OPS: ReadonlyMap<string, string> = new Map([
  ['=', '='], ['==', '='], ['eq', '='], ['!=', '!='], ['ne', '!='], ['neq', '!='], ['>=', '>='], ['ge', '>='], ['geq', '>='],
  ['<=', '<='], ['le', '<='], ['leq', '<='], ['>', '>'], ['gt', '>'], ['<', '<'], ['lt', '<'],
]);

/** Parses the words after the state words (ss takes them as one expression). */
export function parseFilter(words: readonly string[]): Parsed {
  const tokens = words.flatMap((w) => w.split(/\s+/)).filter((t) => t !== '');
  let i = 0;
  let failure: Parsed | null = null;
  const fail = (p: Parsed): SocketFilter => {
    failure ??= p;
    return () => false;
  };
  const peek = () => tokens[i];
  const isOr = (t: string | undefined) => t === '|' || t === '||' || t === 'or';
  const isAnd = (t: string | undefined) => t === '&' || t === '&&' || t === 'and';
  function factor(): SocketFilter {
    const t = tokens[i++];
    if (t === undefined) return fail({ ok: false, error: 'syntax' });
    if (t === '!' || t === 'not') {
      const inner = factor();
      return (s) => !inner(s);
    }
    if (t === '(') {
      const inner = expr();
      if (tokens[i++] !== ')') return fail({ ok: false, error: 'syntax' });
      return inner;
    }
    if (t === 'sport' || t === 'dport') {
      const op = OPS.get(tokens[i++] ?? '');
      const value = tokens[i++];
      if (!op || value === undefined) return fail({ ok: false, error: 'syntax' });
      const port = portCond(value);
      if (port === 'bad') return fail({ ok: false, error: 'port', text: value.replace(/^:/, '') });
      const pick = (s: FilterSubject) => (t === 'sport' ? s.localPort : s.peerPort);
      if (port === null) return () => op !== '!=';
      switch (op) {
        case '=':
          return (s) => pick(s) === port;
        case '!=':
          return (s) => pick(s) !== port;
        case '>=':
          return (s) => pick(s) >= port;
        case '<=':
          return (s) => pick(s) <= port;
        case '>':
          return (s) => pick(s) > port;
        default:
          return (s) => pick(s) < port;
      }
    }
    if (t === 'src' || t === 'dst') {
      const value = tokens[i++];
      if (value === undefined) return fail({ ok: false, error: 'syntax' });
      const cond = hostCond(value);
      if (cond === 'bad-port') return fail({ ok: false, error: 'port', text: value.slice(value.lastIndexOf(':') + 1) });
      if (cond === null) return fail({ ok: false, error: 'unsupported' });
      return (s) => (t === 'src' ? matchesEnd(s.local, s.localPort, cond) : matchesEnd(s.peer, s.peerPort, cond));
    }
    return fail({ ok: false, error: 'unsupported' });
  }
  function term(): SocketFilter {
    let left = factor();
    while (i < tokens.length && peek() !== ')' && !isOr(peek())) {
      if (isAnd(peek())) i += 1;
      const right = factor();
      const l = left;
      left = (s) => l(s) && right(s);
    }
    return left;
  }
  function expr(): SocketFilter {
    let left = term();
    while (isOr(peek())) {
      i += 1;
      const right = term();
      const l = left;
      left = (s) => l(s) || right(s);
    }
    return left;
  }
  if (tokens.length === 0) return { ok: true, filter: () => true };
  const filter = expr();
  if (failure) return failure;
  if (i < tokens.length) return { ok: false, error: 'syntax' };
  return { ok: true, filter };
}
