/**
 * `dig` from BIND 9.11.3 (Ubuntu 18.04's dnsutils): its own argument syntax (`@server`, `-t`,
 * `-x`, `+short`, `+noall +answer`, types as words), a query to the host's resolver (the
 * systemd-resolved stub at 127.0.0.53 unless told otherwise) and the full default output: the
 * greeting, header, OPT pseudosection, QUESTION/ANSWER/AUTHORITY sections, query time, server,
 * date and message size.
 */
import type { ProgramContext } from '../process';
import { formatIpv4, parseIpv4, reverseName } from './address';
import { absoluteName, asSentBy, queryDns, type DnsAnswer, type DnsRecord, type RecordType } from './dns';
import { questionText, recordText, ROOT_SERVERS } from './dnsText';
import { messageSize } from './dnsWire';
import { hashOf, unitOf } from './jitter';
import { dnsServerAt, lookupName, resolvConf, STUB_ADDRESS } from './resolver';
import { strftime } from '../time';

export const DIG_VERSION = '9.11.3-1ubuntu1.11-Ubuntu';

const TYPES: readonly RecordType[] = ['A', 'AAAA', 'CNAME', 'PTR', 'MX', 'NS', 'TXT', 'SOA'];
const OTHER_TYPES = ['ANY', 'SRV', 'CAA', 'DS', 'DNSKEY', 'AXFR', 'HINFO', 'NAPTR', 'SPF', 'RRSIG', 'NSEC', 'TLSA'];

interface Display {
  cmd: boolean;
  comments: boolean;
  question: boolean;
  answer: boolean;
  authority: boolean;
  additional: boolean;
  stats: boolean;
  short: boolean;
}

interface Lookup {
  name: string;
  type: string;
}

const USAGE = ['Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}', '            {global-d-opt} host [@local-server] {local-d-opt}', '            [ host [@local-server] {local-d-opt} [...]]', '', 'Use "dig -h" (or "dig -h | more") for complete list of options'];

function usage(ctx: ProgramContext): number {
  for (const line of USAGE) ctx.err(line);
  return 1;
}

/** Applies a `+option`; returns false for an option dig does not know. */
function plusOption(option: string, display: Display, notes: string[]): boolean {
  const negated = option.startsWith('no');
  const name = (negated ? option.slice(2) : option).split('=')[0]!.toLowerCase();
  const on = !negated;
  const known = (full: string, min = 2) => name.length >= Math.min(min, full.length) && full.startsWith(name);
  if (known('short', 2)) display.short = on;
  else if (known('cmd', 2)) display.cmd = on;
  else if (known('comments', 3)) display.comments = on;
  else if (known('question', 2)) display.question = on;
  else if (known('answer', 2)) display.answer = on;
  else if (known('authority', 2)) display.authority = on;
  else if (known('additional', 3)) display.additional = on;
  else if (known('stats', 2)) display.stats = on;
  else if (known('all', 2)) {
    display.cmd = on;
    display.comments = on;
    display.question = on;
    display.answer = on;
    display.authority = on;
    display.additional = on;
    display.stats = on;
  } else if (known('trace', 2)) {
    if (on) notes.push('Not simulated in this drill: dig +trace (following the delegation from the root); dig asked the resolver instead.');
  } else if (['tcp', 'vc', 'search', 'recurse', 'time', 'tries', 'retry', 'ttlid', 'class', 'identify', 'multiline', 'nssearch', 'dnssec', 'edns', 'cookie', 'besteffort', 'defname', 'ignore', 'fail', 'rrcomments', 'ttlunits', 'keepopen', 'nsid', 'bufsize', 'qr', 'aaflag', 'adflag', 'cdflag', 'norecurse', 'onesoa', 'crypto', 'split', 'subnet', 'idnout', 'header-only', 'expire', 'opcode'].some((k) => k.startsWith(name) && name.length >= 2)) {
    // Options that change how the query is sent, not what the drill prints.
  } else return false;
  return true;
}

/** Why a name cannot be sent in a query (BIND's words), or null. */
export function nameProblem(name: string): string | null {
  if (name === '.' ) return null;
  const labels = name.replace(/\.$/, '').split('.');
  if (labels.some((l) => l === '')) return 'empty label';
  if (labels.some((l) => l.length > 63)) return 'label too long';
  if (name.length > 254) return 'ran out of space';
  return null;
}

/** The text dig prints for the server: `127.0.0.53#53(127.0.0.53)`. */
function serverText(address: string, name: string, port: number): string {
  return `${address}#${port}(${name})`;
}

export function dig(ctx: ProgramContext): number {
  const display: Display = { cmd: true, comments: true, question: true, answer: true, authority: true, additional: true, stats: true, short: false };
  const notes: string[] = [];
  const lookups: Lookup[] = [];
  let server: string | null = null;
  let port = 53;
  let pendingType: string | null = null;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg.startsWith('@')) server = arg.slice(1);
    else if (arg.startsWith('+')) {
      if (!plusOption(arg.slice(1), display, notes)) {
        ctx.err(`Invalid option: ${arg}`);
        return usage(ctx);
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      const letter = arg[1]!;
      const value = arg.length > 2 ? arg.slice(2) : args[i + 1];
      const takesValue = 'tcxpqbfkyi'.includes(letter) && letter !== 'i';
      if (takesValue && arg.length === 2) i += 1;
      if (letter === 'h') {
        for (const line of USAGE.slice(0, 3)) ctx.out(line);
        return 0;
      }
      if (letter === 'v') {
        ctx.err(`DiG ${DIG_VERSION}`);
        return 0;
      }
      if (takesValue && value === undefined) {
        ctx.err(`dig: option requires an argument -- ${letter}`);
        return usage(ctx);
      }
      if (letter === 't') {
        const type = value!.toUpperCase();
        if (!TYPES.includes(type as RecordType) && !OTHER_TYPES.includes(type)) {
          ctx.err(`dig: invalid type ${value}`);
          return 10;
        }
        if (lookups.length) lookups[lookups.length - 1]!.type = type;
        else pendingType = type;
      } else if (letter === 'x') {
        const address = parseIpv4(value!);
        if (address === null) {
          ctx.err(`dig: '${value}' is not a legal IP address`);
          return 10;
        }
        lookups.push({ name: `${reverseName(address)}.`, type: 'PTR' });
      } else if (letter === 'p') {
        port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          ctx.err("dig: Couldn't parse port number");
          return 10;
        }
      } else if (letter === 'q') lookups.push({ name: value!, type: pendingType ?? 'A' });
      else if (letter === '4' || letter === '6' || letter === 'm' || letter === 'r' || takesValue) {
        if (letter === '6') notes.push('Not simulated in this drill: dig -6 (the simulated network is IPv4 only).');
      } else {
        ctx.err(`Invalid option: ${arg}`);
        return usage(ctx);
      }
    } else {
      const upper = arg.toUpperCase();
      if ((TYPES.includes(upper as RecordType) || OTHER_TYPES.includes(upper)) && (lookups.length > 0 || pendingType === null)) {
        if (lookups.length) lookups[lookups.length - 1]!.type = upper;
        else pendingType = upper;
      } else if (upper === 'IN' || upper === 'CH') continue;
      else lookups.push({ name: arg, type: pendingType ?? 'A' });
    }
  }
  for (const note of notes) ctx.note(note);
  for (const lookup of lookups) {
    const problem = nameProblem(lookup.name);
    if (problem) {
      ctx.err(`dig: '${lookup.name}' is not a legal name (${problem})`);
      return 10;
    }
  }
  if (lookups.length === 0) lookups.push(pendingType ? { name: '.', type: pendingType } : { name: '.', type: 'NS' });

  const draft = ctx.sys.draft;
  const host = ctx.sys.host;
  let serverAddress: string;
  let serverName: string;
  let found = 0;
  if (server !== null) {
    const resolved = lookupName(draft, host, server);
    if (!resolved.ok) {
      ctx.err(`dig: couldn't get address for '${server}': not found`);
      return 10;
    }
    serverAddress = formatIpv4(resolved.addresses[0]!);
    serverName = server;
    found = resolved.addresses.length;
  } else {
    serverAddress = resolvConf(draft, host).nameservers[0] ?? '127.0.0.1';
    serverName = serverAddress;
  }
  const greeting = `; <<>> DiG ${DIG_VERSION} <<>> ${args.join(' ')}`.trimEnd();
  if (!display.short && display.cmd) {
    ctx.out('');
    ctx.out(greeting);
    if (found > 0) ctx.out(`; (${found} server${found > 1 ? 's' : ''} found)`);
    ctx.out(';; global options: +cmd');
  }
  const address = parseIpv4(serverAddress);
  const dnsServer = address !== null && port === 53 ? dnsServerAt(draft, host, address) : null;
  if (!dnsServer) {
    ctx.out(';; connection timed out; no servers could be reached');
    return 9;
  }
  const stub = serverAddress === STUB_ADDRESS;
  const seq = draft.next();
  for (const [index, lookup] of lookups.entries()) {
    const name = absoluteName(lookup.name);
    const type = lookup.type;
    let answer: DnsAnswer;
    if (name === '.' && type === 'NS') answer = { rcode: 'NOERROR', answers: [...ROOT_SERVERS], authority: [] };
    else if (type === 'ANY') {
      const all = TYPES.flatMap((t) => queryDns(draft.config, dnsServer.scope, name, t).answers.filter((r) => r.name === name && r.type === t));
      answer = all.length ? { rcode: 'NOERROR', answers: all, authority: [] } : queryDns(draft.config, dnsServer.scope, name, 'A');
    } else if (TYPES.includes(type as RecordType)) answer = queryDns(draft.config, dnsServer.scope, name, type as RecordType);
    else {
      const probe = queryDns(draft.config, dnsServer.scope, name, 'A');
      answer = { rcode: probe.rcode, answers: probe.answers.filter((r) => r.type === 'CNAME'), authority: probe.authority };
    }
    const authority: DnsRecord[] = asSentBy(answer, dnsServer).authority;
    if (display.short) {
      if (display.answer) for (const r of answer.answers) ctx.out(r.data);
      continue;
    }
    if (index > 0 && display.cmd) ctx.out(greeting);
    const id = hashOf(host, seq, index) % 65536;
    if (display.comments) {
      ctx.out(';; Got answer:');
      ctx.out(`;; ->>HEADER<<- opcode: QUERY, status: ${answer.rcode}, id: ${id}`);
      ctx.out(`;; flags: qr rd ra; QUERY: 1, ANSWER: ${answer.answers.length}, AUTHORITY: ${authority.length}, ADDITIONAL: 1`);
      ctx.out('');
      ctx.out(';; OPT PSEUDOSECTION:');
      ctx.out(`; EDNS: version: 0, flags:; udp: ${stub ? 65494 : dnsServer.scope === 'internal' ? 4096 : 512}`);
    }
    const section = (title: string, lines: string[]) => {
      if (lines.length === 0) return;
      if (display.comments) ctx.out(`;; ${title} SECTION:`);
      for (const l of lines) ctx.out(l);
      if (display.comments) ctx.out('');
    };
    if (display.question) section('QUESTION', [questionText(name, type)]);
    if (display.answer) section('ANSWER', answer.answers.map(recordText));
    if (display.authority) section('AUTHORITY', authority.map(recordText));
    if (display.stats) {
      const ms = Math.round(dnsServer.rttMs + 1 + unitOf(host, seq, index, 'query') * (stub ? 20 : 6));
      ctx.out(`;; Query time: ${ms} msec`);
      ctx.out(`;; SERVER: ${serverText(serverAddress, serverName, port)}`);
      ctx.out(`;; WHEN: ${strftime(ctx.sys.now(), '%a %b %d %H:%M:%S %Z %Y', ctx.sys.config.timezone)}`);
      ctx.out(`;; MSG SIZE  rcvd: ${messageSize(name, [answer.answers, authority], true)}`);
      ctx.out('');
    }
  }
  return 0;
}
