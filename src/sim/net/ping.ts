/**
 * `ping` from iputils-s20161105 (Ubuntu 18.04): echo requests over the simulated network, with
 * its exact output: the header, one line per reply (time with 3, 2, 1 or 0 decimals as iputils
 * prints them), the statistics and the rtt line computed the way ping computes them (integer
 * microseconds, mdev by integer square root). Without `-c` ping would run until Ctrl-C: the drill
 * stops it after 4 replies, as Ctrl-C would, and says so.
 */
import type { ProgramContext } from '../process';
import { formatIpv4 } from './address';
import { firewallAnswersPing } from './firewall';
import { unitOf } from './jitter';
import { has, parseOptions, valueOf } from './options';
import { isUnmodelledInternet, LOOPBACK_RTT_MS, pathTo } from './path';
import { LOOKUP_ERROR_TEXT, lookupName, nameOfAddress } from './resolver';
import { netHost } from './topology';

const USAGE_NEWLINE = '\n           ';
const USAGE = [
  `Usage: ping [-aAbBdDfhLnOqrRUvV64] [-c count] [-i interval] [-I interface]${USAGE_NEWLINE} [-m mark] [-M pmtudisc_option] [-l preload] [-p pattern] [-Q tos]${USAGE_NEWLINE} [-s packetsize] [-S sndbuf] [-t ttl] [-T timestamp_option]${USAGE_NEWLINE} [-w deadline] [-W timeout] [hop1 ...] destination`,
  `Usage: ping -6 [-aAbBdDfhLnOqrRUvV] [-c count] [-i interval] [-I interface]${USAGE_NEWLINE} [-l preload] [-m mark] [-M pmtudisc_option]${USAGE_NEWLINE} [-N nodeinfo_option] [-p pattern] [-Q tclass] [-s packetsize]${USAGE_NEWLINE} [-S sndbuf] [-t ttl] [-T timestamp_option] [-w deadline]${USAGE_NEWLINE} [-W timeout] destination`,
].join('\n');

/** Replies shown when ping would run forever: the drill presses Ctrl-C after these. */
export const REPLIES_BEFORE_INTERRUPT = 4;
/** Most packets one ping sends here (a bound on output; ping itself has none). */
const MAX_PACKETS = 1000;

function usage(ctx: ProgramContext): number {
  for (const line of USAGE.split('\n')) ctx.err(line);
  return 2;
}

/** `time=21.4 ms`: iputils' precision by size (µs in). */
export function pingTime(us: number): string {
  if (us >= 100000) return `${Math.floor(us / 1000)}`;
  if (us >= 10000) return `${Math.floor(us / 1000)}.${Math.floor((us % 1000) / 100)}`;
  if (us >= 1000) return `${Math.floor(us / 1000)}.${String(Math.floor((us % 1000) / 10)).padStart(2, '0')}`;
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
}

const ms3 = (us: number) => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;

/** Integer square root as iputils' llsqrt. */
function llsqrt(a: number): number {
  if (a <= 0) return 0;
  let x = a;
  let prev = 0;
  while (x !== prev && x - prev !== 1 && prev - x !== 1) {
    prev = x;
    x = Math.floor((x + Math.floor(a / x)) / 2);
  }
  return x;
}

/** The rtt line for these round trips (µs). */
export function rttLine(times: readonly number[]): string {
  const n = times.length;
  const sum = times.reduce((a, b) => a + b, 0);
  const sum2 = times.reduce((a, b) => a + b * b, 0);
  const avg = Math.floor(sum / n);
  const mdev = llsqrt(Math.floor(sum2 / n) - avg * avg);
  return `rtt min/avg/max/mdev = ${ms3(Math.min(...times))}/${ms3(avg)}/${ms3(Math.max(...times))}/${ms3(mdev)} ms`;
}

function numberOption(text: string): number {
  const match = /^\s*[+-]?\d+/.exec(text);
  return match ? Number(match[0]) : 0;
}

export function ping(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: 'h?4bR6aABdDfLnOqrUvV', values: 'TFNcilImMpQsStwW' });
  if (!parsed.ok) {
    if (parsed.error.kind === 'missing') ctx.err(`ping: option requires an argument -- '${parsed.error.option}'`);
    else if (parsed.error.kind === 'unrecognized') ctx.err(`ping: unrecognized option '${parsed.error.option}'`);
    else ctx.err(`ping: invalid option -- '${parsed.error.option}'`);
    return usage(ctx);
  }
  const o = parsed.options;
  if (has(o, 'V')) {
    ctx.out('ping utility, iputils-s20161105');
    return 0;
  }
  if (has(o, 'h') || has(o, '?')) return usage(ctx);
  const root = ctx.sys.user.uid === 0;
  let count: number | null = null;
  const countText = valueOf(o, 'c');
  if (countText !== null) {
    count = numberOption(countText);
    if (count <= 0) {
      ctx.err('ping: bad number of packets to transmit.');
      return 2;
    }
  }
  let intervalMs = 1000;
  const intervalText = valueOf(o, 'i');
  if (intervalText !== null) {
    const value = Number(intervalText);
    if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(intervalText) || !Number.isFinite(value) || value < 0 || value >= 2147483) {
      ctx.err('ping: bad timing interval');
      return 2;
    }
    intervalMs = Math.floor(value * 1000);
  }
  if ((has(o, 'f') || intervalMs < 200) && !root) {
    ctx.err('ping: cannot flood; minimal interval allowed for user is 200ms');
    return 2;
  }
  if (has(o, 'f') && intervalText === null) intervalMs = 0;
  let deadline: number | null = null;
  const deadlineText = valueOf(o, 'w');
  if (deadlineText !== null) {
    deadline = numberOption(deadlineText);
    if (deadline < 0) {
      ctx.err('ping: bad wait time.');
      return 2;
    }
  }
  const lingerText = valueOf(o, 'W');
  if (lingerText !== null && numberOption(lingerText) < 0) {
    ctx.err('ping: bad linger time.');
    return 2;
  }
  let size = 56;
  const sizeText = valueOf(o, 's');
  if (sizeText !== null) {
    size = numberOption(sizeText);
    if (size < 0) {
      ctx.err(`ping: illegal negative packet size ${size}.`);
      return 2;
    }
    if (size > 65507) {
      ctx.err(`ping: packet size too large: ${size}`);
      return 2;
    }
  }
  const ttlText = valueOf(o, 't');
  if (ttlText !== null && (numberOption(ttlText) < 0 || numberOption(ttlText) > 255)) {
    ctx.err(`ping: ttl ${numberOption(ttlText) >>> 0} out of range`);
    return 2;
  }
  if (has(o, '6')) {
    ctx.note('Not simulated in this drill: ping -6 (the simulated network is IPv4 only).');
    return 2;
  }
  const targets = o.operands;
  if (targets.length === 0) return usage(ctx);
  const target = targets[targets.length - 1]!;
  const draft = ctx.sys.draft;
  const host = ctx.sys.host;
  const found = lookupName(draft, host, target);
  if (!found.ok) {
    ctx.err(`ping: ${target}: ${LOOKUP_ERROR_TEXT[found.error]}`);
    return 2;
  }
  const address = found.addresses[0]!;
  const numeric = has(o, 'n') || has(o, 'f') || (found.source === 'literal' && targets.length === 1);
  const hostname = found.source === 'literal' ? target : found.canonical;
  const path = pathTo(draft.config, host, address);
  if (path.kind === 'no-route') {
    ctx.err('connect: Network is unreachable');
    return 2;
  }
  const device = valueOf(o, 'I');
  const self = netHost(draft.config, host);
  const sourceIface = path.kind === 'ok' || path.kind === 'lost' ? path.via : null;
  const from = device ? ` from ${formatIpv4(self?.interfaces.find((i) => i.name === device)?.address ?? sourceIface?.address ?? address)} ${device}:` : '';
  ctx.out(`PING ${hostname} (${formatIpv4(address)})${from} ${size}(${size + 28}) bytes of data.`);
  if (path.kind === 'lost' && isUnmodelledInternet(draft.config, host, address)) {
    ctx.note(`Not simulated in this drill: ${formatIpv4(address)}, an internet address no host of this drill holds; whether it answers is not modelled.`);
    return 0;
  }

  const interrupted = count === null && deadline === null;
  let packets = count ?? (deadline !== null ? Math.max(1, Math.floor((deadline * 1000) / Math.max(intervalMs, 1))) : REPLIES_BEFORE_INTERRUPT);
  if (deadline !== null && count !== null) packets = Math.min(count, Math.max(1, Math.floor((deadline * 1000) / Math.max(intervalMs, 1)) + 1));
  packets = Math.min(packets, MAX_PACKETS);
  const quiet = has(o, 'q');
  const seq = draft.next();
  const answers = path.kind === 'local' || (path.kind === 'ok' && firewallAnswersPing(netHost(draft.config, path.host)?.firewall ?? null, path.seenFrom));
  const rttBase = path.kind === 'local' ? LOOPBACK_RTT_MS : path.kind === 'ok' ? path.rttMs : 0;
  const ttl = path.kind === 'ok' ? path.ttl : 64;
  const timing = size >= 16;
  const fromText = numeric ? formatIpv4(address) : (() => {
    const name = nameOfAddress(draft, host, address);
    return name ? `${name} (${formatIpv4(address)})` : formatIpv4(address);
  })();
  const times: number[] = [];
  let errors = 0;
  if (answers) {
    for (let i = 1; i <= packets; i += 1) {
      const us = Math.max(1, Math.round(rttBase * 1000 * (0.94 + 0.12 * unitOf(host, address, seq, i))));
      times.push(us);
      if (!quiet) ctx.out(`${size + 8} bytes from ${fromText}: icmp_seq=${i} ttl=${ttl}${timing ? ` time=${pingTime(us)} ms` : ''}`);
    }
  } else if (path.kind === 'lost' && path.gateway === null) {
    // Same network, nobody answers ARP: the kernel reports the first three as unreachable.
    errors = Math.min(3, packets);
    if (!quiet) for (let i = 1; i <= errors; i += 1) ctx.out(`From ${formatIpv4(path.via.address)} icmp_seq=${i} Destination Host Unreachable`);
  }
  if (interrupted) {
    if (ctx.stdoutIsTerminal) ctx.write('^C');
    else ctx.err('^C');
    ctx.note(`Not simulated in this drill: ping running until you press Ctrl-C. The drill stopped it after ${packets} packets, as Ctrl-C would.`);
  }
  // ping's `time` runs from the first packet sent to the last: each interval adds a little overhead.
  const overheadUs = (packets - 1) * (120 + Math.floor(unitOf(host, address, seq, 'overhead') * 1400));
  const elapsedUs = deadline !== null && times.length < packets ? deadline * 1000000 + overheadUs : (packets - 1) * intervalMs * 1000 + overheadUs + (interrupted ? 380000 + Math.floor(unitOf(host, seq, 'ctrl-c') * 500000) : 0) + (times.length || packets === 1 ? 0 : 40000 + (overheadUs % 30000));
  ctx.out('');
  ctx.out(`--- ${hostname} ping statistics ---`);
  const received = times.length;
  ctx.out(`${packets} packets transmitted, ${received} received${errors ? `, +${errors} errors` : ''}, ${Math.floor(((packets - received) * 100) / packets)}% packet loss, time ${Math.floor(elapsedUs / 1000)}ms`);
  if (received > 0 && timing) ctx.out(rttLine(times));
  else if (errors > 0) ctx.out(`pipe ${errors}`);
  else ctx.out('');
  return received === 0 || (deadline !== null && count !== null && received < count) ? 1 : 0;
}
