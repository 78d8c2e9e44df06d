/**
 * `host` from BIND 9.11.3: a name's addresses (`has address`), aliases (`is an alias for`) and
 * mail servers, an address's name (`domain name pointer`), `-t TYPE`, `Host x not found:
 * 3(NXDOMAIN)`. Uses the resolver's search domains as host does by default.
 */
import type { ProgramContext } from '../process';
import { formatIpv4, parseIpv4, reverseName } from './address';
import { absoluteName, asSentBy, queryDns, type DnsAnswer, type DnsRecord, type RecordType } from './dns';
import { DIG_VERSION, nameProblem } from './dig';
import { candidates, dnsServerAt, lookupName, resolvConf } from './resolver';
import { parseOptions, valueOf, has } from './options';

const PHRASE: Readonly<Record<string, string>> = { A: 'has address', AAAA: 'has IPv6 address', CNAME: 'is an alias for', PTR: 'domain name pointer', MX: 'mail is handled by', NS: 'name server', TXT: 'descriptive text', SOA: 'has SOA record' };

const USAGE = [
  'Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]',
  '            [-R number] [-m flag] hostname [server]',
  '       -a is equivalent to -v -t ANY',
  '       -c specifies query class for non-IN data',
  '       -C compares SOA records on authoritative nameservers',
  '       -d is equivalent to -v',
  '       -i IP6.INT reverse lookups',
  '       -l lists all hosts in a domain, using AXFR',
  '       -m set memory debugging flag (trace|record|usage)',
  '       -N changes the number of dots allowed before root lookup is done',
  '       -r disables recursive processing',
  '       -R specifies number of retries for UDP packets',
  '       -s a SERVFAIL response should stop query',
  '       -t specifies the query type',
  '       -T enables TCP/IP mode',
  '       -v enables verbose output',
  '       -V print version number and exit',
  '       -w specifies to wait forever for a reply',
  '       -W specifies how long to wait for a reply',
  '       -4 use IPv4 query transport only',
  '       -6 use IPv6 query transport only',
];

function usage(ctx: ProgramContext): number {
  for (const line of USAGE) ctx.err(line);
  return 1;
}

function say(ctx: ProgramContext, record: DnsRecord): void {
  const name = record.name.replace(/\.$/, '');
  ctx.out(`${name} ${PHRASE[record.type] ?? record.type} ${record.data}`);
}

export function hostProgram(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: 'aCdilnrsTUvVwD46', values: 'ctNRWm' });
  if (!parsed.ok) {
    if (parsed.error.kind === 'missing') ctx.err(`host: option requires an argument -- '${parsed.error.option}'`);
    else if (parsed.error.kind === 'unrecognized') ctx.err(`host: unrecognized option '${parsed.error.option}'`);
    else ctx.err(`host: invalid option -- '${parsed.error.option}'`);
    return usage(ctx);
  }
  const o = parsed.options;
  if (has(o, 'V')) {
    ctx.err(`host ${DIG_VERSION}`);
    return 0;
  }
  const [target, serverArg] = o.operands;
  if (!target) return usage(ctx);
  const draft = ctx.sys.draft;
  const here = ctx.sys.host;
  let serverAddress = resolvConf(draft, here).nameservers[0] ?? '127.0.0.1';
  if (serverArg) {
    const found = lookupName(draft, here, serverArg);
    if (!found.ok) {
      ctx.err(`host: couldn't get address for '${serverArg}': not found`);
      return 1;
    }
    serverAddress = formatIpv4(found.addresses[0]!);
  }
  const address = parseIpv4(serverAddress);
  const server = address !== null ? dnsServerAt(draft, here, address) : null;
  if (serverArg) {
    ctx.out('Using domain server:');
    ctx.out(`Name: ${serverArg}`);
    ctx.out(`Address: ${serverAddress}#53`);
    ctx.out('Aliases: ');
    ctx.out('');
  }
  if (!server) {
    ctx.out(';; connection timed out; no servers could be reached');
    return 1;
  }
  const typeText = has(o, 'a') ? 'ANY' : (valueOf(o, 't')?.toUpperCase() ?? null);
  if (typeText && !Object.hasOwn(PHRASE, typeText) && typeText !== 'ANY') {
    ctx.err(`host: invalid type: ${valueOf(o, 't')}`);
    return 1;
  }
  const problem = parseIpv4(target) === null ? nameProblem(target) : null;
  if (problem) {
    ctx.err(`host: '${target}' is not a legal name (${problem})`);
    return 1;
  }
  const reverse = parseIpv4(target);
  const query = (name: string, type: RecordType): DnsAnswer => asSentBy(queryDns(draft.config, server.scope, name, type), server);
  if (reverse !== null) {
    const name = `${reverseName(reverse)}.`;
    const answer = query(name, 'PTR');
    if (answer.rcode !== 'NOERROR' || answer.answers.length === 0) {
      ctx.out(`Host ${name} not found: ${answer.rcode === 'NXDOMAIN' ? '3(NXDOMAIN)' : '2(SERVFAIL)'}`);
      return 1;
    }
    for (const r of answer.answers) say(ctx, r);
    return 0;
  }
  // host tries the search list (ndots 1), and reports the first name that exists.
  const search = resolvConf(draft, here).search;
  let chosen: string | null = null;
  let first: DnsAnswer | null = null;
  for (const candidate of candidates(target, search)) {
    const answer = query(candidate, typeText && typeText !== 'ANY' ? (typeText as RecordType) : 'A');
    if (answer.rcode === 'NOERROR') {
      chosen = absoluteName(candidate);
      first = answer;
      break;
    }
  }
  if (!chosen || !first) {
    ctx.out(`Host ${target} not found: 3(NXDOMAIN)`);
    return 1;
  }
  if (typeText && typeText !== 'ANY') {
    if (first.answers.length === 0) {
      ctx.out(`${chosen.replace(/\.$/, '')} has no ${typeText} record`);
      return 0;
    }
    for (const r of first.answers) say(ctx, r);
    return 0;
  }
  if (typeText === 'ANY') {
    for (const t of ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA'] as const) for (const r of query(chosen, t).answers.filter((x) => x.name === chosen && x.type === t)) say(ctx, r);
    return 0;
  }
  // The default: A, then AAAA and MX of the name the CNAMEs lead to.
  for (const r of first.answers) say(ctx, r);
  const canonical = [...first.answers].reverse().find((r) => r.type === 'CNAME')?.data ?? chosen;
  for (const t of ['AAAA', 'MX'] as const) for (const r of query(canonical, t).answers.filter((x) => x.type === t)) say(ctx, r);
  return 0;
}
