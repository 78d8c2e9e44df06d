/**
 * `tracepath` from iputils-s20161105 (installed on Ubuntu 18.04, unlike traceroute): the
 * `[LOCALHOST]` pmtu line, one line per hop with the host in a 52-column field and the time,
 * `no reply` for routers that do not answer, `reached`, and the `Resume:` line.
 */
import type { ProgramContext } from '../process';
import { formatIpv4 } from './address';
import { hopsTo, MAX_HOPS } from './hops';
import { unitOf } from './jitter';
import { has, parseOptions, valueOf } from './options';
import { LOOKUP_ERROR_TEXT, lookupName, nameOfAddress } from './resolver';

const HOST_COLUMN_SIZE = 52;

function hostField(name: string): string {
  const length = Math.min(name.length, HOST_COLUMN_SIZE - 1);
  return name + ' '.repeat(HOST_COLUMN_SIZE - length);
}

const time = (ms: number) => {
  const us = Math.max(1, Math.round(ms * 1000));
  return `${String(Math.floor(us / 1000)).padStart(3)}.${String(us % 1000).padStart(3, '0')}ms `;
};

export function tracepath(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: '46nb', values: 'lmp' });
  if (!parsed.ok || parsed.options.operands.length !== 1) {
    ctx.err('Usage: tracepath [-n] [-b] [-l <len>] [-p port] <destination>');
    return 255;
  }
  const o = parsed.options;
  const target = o.operands[0]!;
  const numeric = has(o, 'n');
  const both = has(o, 'b');
  const maxHops = Math.min(MAX_HOPS, Number(valueOf(o, 'm') ?? MAX_HOPS) || MAX_HOPS);
  const draft = ctx.sys.draft;
  const found = lookupName(draft, ctx.sys.host, target);
  if (!found.ok) {
    ctx.err(`tracepath: ${target}: ${LOOKUP_ERROR_TEXT[found.error]}`);
    return 1;
  }
  const address = found.addresses[0]!;
  const route = hopsTo(draft.config, ctx.sys.host, address);
  if (route.noRoute) {
    ctx.err('connect: Network is unreachable');
    return 1;
  }
  const seq = draft.next();
  const label = (a: number) => {
    const ip = formatIpv4(a);
    if (numeric) return both ? `${ip} (${ip})` : ip;
    const name = nameOfAddress(draft, ctx.sys.host, a) ?? ip;
    return both ? `${name} (${ip})` : name;
  };
  const jitter = (ms: number, n: number) => ms * (0.9 + 0.2 * unitOf(ctx.sys.host, address, seq, n));
  ctx.out(` 1?: ${'[LOCALHOST]'.padEnd(32)} pmtu ${route.mtu}`);
  let ttl = 1;
  for (const [index, hop] of route.hops.entries()) {
    if (ttl > maxHops) break;
    if (hop.address === null) ctx.out(`${String(ttl).padStart(2)}:  no reply`);
    else {
      const line = `${String(ttl).padStart(2)}:  ${hostField(label(hop.address))}`;
      ctx.out(`${line}${time(jitter(hop.rttMs, index * 2))}`);
      if (index === 0) ctx.out(`${line}${time(jitter(hop.rttMs, index * 2 + 1))}`);
    }
    ttl += 1;
  }
  if (route.reached && ttl <= maxHops) {
    ctx.out(`${String(ttl).padStart(2)}:  ${hostField(label(address))}${time(jitter(route.rttMs, 99))}reached`);
    ctx.out(`     Resume: pmtu ${route.mtu} hops ${ttl} back ${route.back} `);
    return 0;
  }
  ctx.out(`     Too many hops: pmtu ${route.mtu}`);
  ctx.out(`     Resume: pmtu ${route.mtu} `);
  return 0;
}
