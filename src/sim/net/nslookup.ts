/**
 * `nslookup` from BIND 9.11.3: `Server:`/`Address:` of the resolver, `Non-authoritative answer:`,
 * `Name:`/`Address:` pairs and `canonical name =` lines, an A then an AAAA lookup, PTR lookups for
 * addresses (which print no server lines), `-type=`, and `** server can't find x: NXDOMAIN`.
 */
import type { ProgramContext } from '../process';
import { formatIpv4, parseIpv4, reverseName } from './address';
import { absoluteName, asSentBy, queryDns, type DnsAnswer, type DnsRecord, type RecordType } from './dns';
import { candidates, dnsServerAt, lookupName, resolvConf } from './resolver';
import { nameProblem } from './dig';

const RTYPE_TEXT: Readonly<Record<string, string>> = { A: 'internet address = ', NS: 'nameserver = ', CNAME: 'canonical name = ', SOA: 'soa = ', PTR: 'name = ', MX: 'mail exchanger = ', TXT: 'text = ', AAAA: 'has AAAA address ' };

function printRecord(ctx: ProgramContext, record: DnsRecord): void {
  const name = record.name.replace(/\.$/, '');
  if (record.type === 'A' || record.type === 'AAAA') {
    ctx.out(`Name:\t${name}`);
    ctx.out(`Address: ${record.data}`);
  } else if (record.type === 'SOA') {
    const [origin = '', mail = '', serial = '0', refresh = '0', retry = '0', expire = '0', minimum = '0'] = record.data.split(/\s+/);
    ctx.out(name);
    ctx.out(`\torigin = ${origin}`);
    ctx.out(`\tmail addr = ${mail}`);
    for (const [k, v] of [['serial', serial], ['refresh', refresh], ['retry', retry], ['expire', expire], ['minimum', minimum]] as const) ctx.out(`\t${k} = ${v}`);
  } else ctx.out(`${name}\t${RTYPE_TEXT[record.type] ?? ''}${record.data}`);
}

export function nslookup(ctx: ProgramContext): number {
  let type: RecordType | null = null;
  const operands: string[] = [];
  for (const arg of ctx.argv.slice(1)) {
    const option = /^-(?:type|querytype|q|ty|query)=(.*)$/i.exec(arg);
    if (option) {
      const wanted = option[1]!.toUpperCase();
      if (!Object.hasOwn(RTYPE_TEXT, wanted)) {
        ctx.out(`unknown query type: ${option[1]}`);
        continue;
      }
      type = wanted as RecordType;
    } else if (arg.startsWith('-') && arg.length > 1) {
      if (!/^-(debug|nodebug|d2|nod2|vc|novc|recurse|norecurse|search|nosearch|timeout=\d+|retry=\d+|port=\d+|domain=.*|class=.*)$/.test(arg)) ctx.out(`*** Invalid option: ${arg.slice(1)}`);
    } else operands.push(arg);
  }
  const [target, serverArg] = operands;
  if (!target || target === '-') {
    ctx.note("Not simulated in this drill: nslookup's interactive mode; give the name on the command line (nslookup NAME).");
    return 0;
  }
  const draft = ctx.sys.draft;
  const here = ctx.sys.host;
  let serverAddress = resolvConf(draft, here).nameservers[0] ?? '127.0.0.1';
  let serverName = serverAddress;
  if (serverArg) {
    const found = lookupName(draft, here, serverArg);
    if (!found.ok) {
      ctx.out(`nslookup: couldn't get address for '${serverArg}': not found`);
      return 1;
    }
    serverAddress = formatIpv4(found.addresses[0]!);
    serverName = serverArg;
  }
  const address = parseIpv4(serverAddress);
  const server = address !== null ? dnsServerAt(draft, here, address) : null;
  if (!server) {
    ctx.out(';; connection timed out; no servers could be reached');
    ctx.out('');
    return 1;
  }
  const problem = parseIpv4(target) === null ? nameProblem(target) : null;
  if (problem) {
    ctx.err(`nslookup: '${target}' is not a legal name (${problem})`);
    return 1;
  }
  const defaults = type === null;
  const reverse = parseIpv4(target);
  const query = (name: string, t: RecordType): DnsAnswer => asSentBy(queryDns(draft.config, server.scope, name, t), server);
  const serverLines = () => {
    ctx.out(`Server:\t\t${serverName}`);
    ctx.out(`Address:\t${serverAddress}#53`);
    ctx.out('');
  };
  if (reverse !== null && (type === null || type === 'PTR')) {
    const name = `${reverseName(reverse)}.`;
    const answer = query(name, 'PTR');
    if (!defaults) serverLines();
    if (answer.rcode !== 'NOERROR') {
      ctx.out(`** server can't find ${name.replace(/\.$/, '')}: ${answer.rcode}`);
      ctx.out('');
      return 1;
    }
    if (!defaults) ctx.out('Non-authoritative answer:');
    for (const r of answer.answers) printRecord(ctx, r);
    ctx.out('');
    ctx.out('Authoritative answers can be found from:');
    ctx.out('');
    return 0;
  }
  const wanted: RecordType = type ?? 'A';
  let answer: DnsAnswer | null = null;
  let asked = target;
  for (const candidate of candidates(target, resolvConf(draft, here).search)) {
    const result = query(candidate, wanted);
    asked = candidate;
    if (result.rcode === 'NOERROR') {
      answer = result;
      break;
    }
    answer = result;
  }
  serverLines();
  if (!answer || answer.rcode !== 'NOERROR') {
    ctx.out(`** server can't find ${target === '.' ? '.' : target.replace(/\.$/, '')}: ${answer?.rcode ?? 'NXDOMAIN'}`);
    ctx.out('');
    return 1;
  }
  ctx.out('Non-authoritative answer:');
  const aNoAnswer = answer.answers.length === 0;
  for (const r of answer.answers) printRecord(ctx, r);
  if (defaults) {
    const canonical = [...answer.answers].reverse().find((r) => r.type === 'CNAME')?.data ?? absoluteName(asked);
    const six = query(canonical, 'AAAA').answers.filter((r) => r.type === 'AAAA');
    for (const r of six) printRecord(ctx, r);
    if (aNoAnswer && six.length === 0) ctx.out(`*** Can't find ${canonical === '.' ? '.' : canonical.replace(/\.$/, '')}: No answer`);
  } else {
    if (aNoAnswer) ctx.out(`*** Can't find ${target}: No answer`);
    if (wanted !== 'A' && wanted !== 'AAAA') {
      ctx.out('');
      ctx.out('Authoritative answers can be found from:');
      for (const r of answer.authority) printRecord(ctx, r);
    }
  }
  ctx.out('');
  return 0;
}
