/**
 * `traceroute` 2.1.0 (Debian's "modern" traceroute; not installed on a fresh Ubuntu 18.04: the
 * host spec's `programs` installs it): the header, three probes per hop with `name (address)` and
 * `  1.234 ms` times, `* * *` for routers that do not answer.
 */
import type { ProgramContext } from '../process';
import { formatIpv4 } from './address';
import { hopsTo, MAX_HOPS } from './hops';
import { unitOf } from './jitter';
import { has, parseOptions, valueOf } from './options';
import { lookupName, nameOfAddress } from './resolver';

export function traceroute(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: '46dFIlnrTUeAVM', values: 'fgimNpqswtPz', long: { help: { as: 'help' }, version: { as: 'V' } } });
  if (!parsed.ok) {
    ctx.err(`Bad option \`${parsed.error.option.startsWith('-') ? parsed.error.option : `-${parsed.error.option}`}' (argc 1)`);
    return 2;
  }
  const o = parsed.options;
  if (has(o, 'V')) {
    ctx.out('Modern traceroute for Linux, version 2.1.0');
    ctx.out('Copyright (c) 2016  Dmitry Butskoy,   License: GPL v2 or any later');
    return 0;
  }
  const target = o.operands[0];
  if (!target || has(o, 'help')) {
    ctx.err('Usage:');
    ctx.err('  traceroute [ -46dFITnreAUDV ] [ -f first_ttl ] [ -g gate,... ] [ -i device ] [ -m max_ttl ] [ -N squeries ] [ -p port ] [ -t tos ] [ -l flow_label ] [ -w MAX,HERE,NEAR ] [ -q nqueries ] [ -s src_addr ] [ -z sendwait ] [ --fwmark=num ] host [ packetlen ]');
    return 2;
  }
  const draft = ctx.sys.draft;
  const found = lookupName(draft, ctx.sys.host, target);
  if (!found.ok) {
    ctx.err(`${target}: ${found.error === 'AGAIN' ? 'Temporary failure in name resolution' : 'Name or service not known'}`);
    ctx.err(`Cannot handle "host" cmdline arg \`${target}' on position 1 (argc ${ctx.argv.length - 1})`);
    return 2;
  }
  const address = found.addresses[0]!;
  const maxHops = Math.min(255, Number(valueOf(o, 'm') ?? MAX_HOPS) || MAX_HOPS);
  const probes = Math.min(10, Math.max(1, Number(valueOf(o, 'q') ?? 3) || 3));
  const numeric = has(o, 'n');
  ctx.out(`traceroute to ${target} (${formatIpv4(address)}), ${maxHops} hops max, 60 byte packets`);
  const route = hopsTo(draft.config, ctx.sys.host, address);
  if (route.noRoute) {
    ctx.err('connect: Network is unreachable');
    return 1;
  }
  const seq = draft.next();
  const label = (a: number) => (numeric ? formatIpv4(a) : `${nameOfAddress(draft, ctx.sys.host, a) ?? formatIpv4(a)} (${formatIpv4(a)})`);
  const times = (ms: number, ttl: number) => Array.from({ length: probes }, (_, i) => `  ${(ms * (0.9 + 0.2 * unitOf(ctx.sys.host, address, seq, ttl, i))).toFixed(3)} ms`).join('');
  let ttl = 1;
  for (const hop of route.hops) {
    if (ttl > maxHops) return 0;
    ctx.out(`${String(ttl).padStart(2)}  ${hop.address === null ? Array.from({ length: probes }, () => '*').join(' ') : `${label(hop.address)}${times(hop.rttMs, ttl)}`}`);
    ttl += 1;
  }
  if (route.reached && ttl <= maxHops) ctx.out(`${String(ttl).padStart(2)}  ${label(address)}${times(route.rttMs, ttl)}`);
  return 0;
}
